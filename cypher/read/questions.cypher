// The PEEL questions, optionally of one pillar, by pillar then number (0 is the overall question).
// Parameters: $pillar ('effectiveness'|'efficiency'|'legitimacy', or null for all). Returns: question.
MATCH (q:Question)
WHERE $pillar IS NULL OR q.pillar = $pillar
RETURN q {.*} AS question
ORDER BY q.pillar, q.number
