class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds: %d > %d" % (amount, self.balance))
        self.balance -= amount
        return self.balance


def pay(account, bills):
    paid = []
    for bill in bills:
        paid.append(account.withdraw(bill))
    return paid


acct = Account(100)
print(pay(acct, [30, 50, 40]))
