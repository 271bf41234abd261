"""The window's privacy side: consent on the profile, the Privacy settings."""
