"""The Discord adapter: embeds, slash commands, the outbox sender and the runner."""
