"""The app's screens: the queue, one change, and the modals."""
