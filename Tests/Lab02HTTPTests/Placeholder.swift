// Placeholder: tests for lab 02-HTTP are being written.
