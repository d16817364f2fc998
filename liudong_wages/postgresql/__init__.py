"""PostgreSQL as Django's backend has it, with the statements this project lets PostgreSQL prepare (base.py)."""
