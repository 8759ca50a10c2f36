def total(rows):
    return sum((yield row) for row in rows)
