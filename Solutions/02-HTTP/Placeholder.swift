// Placeholder: lab 02-HTTP is being written.
