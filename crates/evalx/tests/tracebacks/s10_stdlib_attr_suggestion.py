# CPython 3.11 suggests the nearest name of dir(obj) for a misspelt attribute of an instance.
class Account:
    def __init__(self):
        self.balance = 10


acct = Account()
print(acct.balanse)
