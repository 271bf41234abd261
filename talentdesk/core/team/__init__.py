"""Team mode's connection to a shared PostgreSQL database: the address, its password in the
keyring, the remembered choice and the connection test (issue 18, "Connect")."""
