"""The leader's internal control (issue 14): the office's figures, each the count of the
list behind it."""
