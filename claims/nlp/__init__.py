"""Pure NLP: no Django imports anywhere in this package."""
