// The forces of England and Wales from the reference table.
// Parameters: $rows [{id, name, onsCode, country}]. Returns: nothing.
UNWIND $rows AS row
MERGE (f:Force {id: row.id})
SET f.name = row.name,
    f.onsCode = row.onsCode,
    f.country = row.country
