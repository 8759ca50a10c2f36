def compute(rows):
    if rows:
        return sum(
            r["v"] for r in rows
        ) + rows[0]["missing"]


compute([{"v": 1}])
