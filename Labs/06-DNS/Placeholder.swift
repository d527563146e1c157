// Placeholder: lab 06-DNS is being written.
