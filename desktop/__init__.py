"""Stint: a desktop time tracker for people whose work lives in Salesforce."""

__version__ = "0.1.0"
