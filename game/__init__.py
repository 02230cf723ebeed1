"""Rapid Response Trainer: first-responder training for active-shooter incidents in schools."""

__version__ = "0.1.0"
