"""The Slack adapter: slash commands, buttons and announcement cards through slack-bolt."""
