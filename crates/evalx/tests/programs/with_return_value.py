# A `return` inside `with` keeps its value when the manager's __exit__ is Python code.
class CM:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.log.append("enter")
        return self
    def __exit__(self, *exc):
        self.log.append("exit")
        return None

def plain(log):
    with CM(log):
        return "value"

def nested(log):
    with CM(log) as a:
        with CM(log) as b:
            return (a is not b, len(log))

def in_loop(log):
    for i in range(5):
        with CM(log):
            if i == 3:
                return i
    return -1

def exit_returns_value(log):
    class Noisy(CM):
        def __exit__(self, *exc):
            return 12345
    with Noisy(log):
        return "kept"

log = []
print(plain(log), nested(log), in_loop(log), exit_returns_value(log))
print(log.count("enter"), log.count("exit"))
