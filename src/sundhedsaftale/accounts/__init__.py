"""Accounts, roles and the audit log: who may do what, and the record of every change."""
