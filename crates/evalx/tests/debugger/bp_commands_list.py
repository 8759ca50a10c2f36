def step(i):
    sq = i * i
    return sq


breakpoint()
for i in range(4):
    step(i)
print("over")
