"""Privacy: consent and its legal basis, who may be contacted, renewal and the information
notice, retention, erasure, subject access and the audit log."""
