// Provider formats L–Z and digits (helper providers-b). The contract is at the top of
// providers.js: one entry per format, { provider, ruleId, source, make, keys }.
export const formats = [];
