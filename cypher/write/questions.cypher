// The PEEL questions in their canonical wording (number 0 is a pillar's overall question), with the
// years whose own wording is known (null: no year's wording is recorded) and those of them in which the
// question took no grade.
// Parameters: $rows [{id, pillar, number, title, years, ungradedYears}]. Returns: nothing.
UNWIND $rows AS row
MERGE (q:Question {id: row.id})
SET q.pillar = row.pillar,
    q.number = row.number,
    q.title = row.title,
    q.years = row.years,
    q.ungradedYears = row.ungradedYears
