// Placeholder: lab 08-RUDP is being written.
