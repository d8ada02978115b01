"""Pure model layer: functions that take data and content and return values, without Dash."""
