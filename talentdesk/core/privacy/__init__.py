"""Privacy: consent and its legal basis, retention, erasure, a person's own data, audit."""
