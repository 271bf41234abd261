"""Reading and writing CSV files as recruiters meet them (LinkedIn, Excel, Google, Outlook)."""
