// The PEEL questions in their canonical wording (number 0 is a pillar's overall question).
// Parameters: $rows [{id, pillar, number, title}]. Returns: nothing.
UNWIND $rows AS row
MERGE (q:Question {id: row.id})
SET q.pillar = row.pillar,
    q.number = row.number,
    q.title = row.title
