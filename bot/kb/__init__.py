"""The knowledge base: pure rules that fold announcements into series records."""
