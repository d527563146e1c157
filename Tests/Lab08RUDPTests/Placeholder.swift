// Placeholder: tests for lab 08-RUDP are being written.
