// Placeholder: the lossy channel is being written.
