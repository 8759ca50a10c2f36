class Node:
    def __init__(self, v, nxt=None):
        self.v, self.nxt = v, nxt


n = Node(1)
n = n.nxt
print(n.v)
