// Placeholder: tests for lab 06-DNS are being written.
