// A Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`), as placeholders, config and CLI read them.

export const LABEL_NAME_PATTERN = '[A-Za-z_][A-Za-z0-9_]*';

export const LABEL_NAME = new RegExp(`^${LABEL_NAME_PATTERN}$`);
