"""Helpers of scripts/corpus."""
