# A bank simulation: accounts of two kinds, an exception hierarchy for
# refused operations, a day of random transactions (random.seed(1)), and a
# final report that summarises the errors instead of printing tracebacks.
import random


class BankError(Exception):
    """Anything the bank refuses to do."""


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} can spend {account.available()}, needs {amount}")
        self.shortfall = amount - account.available()


class AccountFrozen(BankError):
    pass


class UnknownAccount(BankError, KeyError):
    pass


class Account:
    kind = "checking"

    def __init__(self, number, owner, balance=0):
        self.number = number
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.log = []

    def deposit(self, amount):
        self._check_open()
        self.balance += amount
        self.log.append(+amount)

    def withdraw(self, amount):
        self._check_open()
        if amount > self.available():
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.log.append(-amount)

    def available(self):
        return self.balance

    def _check_open(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.number} is frozen")

    def __str__(self):
        flag = " (frozen)" if self.frozen else ""
        return f"#{self.number} {self.owner:<6} {self.kind:<8} {self.balance:>6}{flag}"


class SavingsAccount(Account):
    kind = "savings"
    minimum = 50

    def available(self):
        return self.balance - self.minimum

    def add_interest(self, percent):
        interest = self.balance * percent // 100
        self.deposit(interest)
        return interest


class Bank:
    def __init__(self):
        self.accounts = {}
        self.errors = {}

    def open(self, cls, owner, balance):
        number = 100 + len(self.accounts)
        self.accounts[number] = cls(number, owner, balance)
        return number

    def get(self, number):
        try:
            return self.accounts[number]
        except KeyError:
            raise UnknownAccount(number) from None

    def transfer(self, src, dst, amount):
        source, target = self.get(src), self.get(dst)
        source.withdraw(amount)
        target.deposit(amount)

    def record(self, error):
        name = type(error).__name__
        self.errors[name] = self.errors.get(name, 0) + 1


random.seed(1)
bank = Bank()
for owner, cls, start in [("ada", Account, 120), ("ben", SavingsAccount, 400),
                          ("cleo", Account, 60), ("dev", SavingsAccount, 90)]:
    bank.open(cls, owner, start)
bank.get(102).frozen = True
numbers = list(bank.accounts) + [999]

for step in range(1, 21):
    action = random.choice(["deposit", "withdraw", "transfer", "transfer"])
    amount = random.randint(1, 20) * 10
    src = random.choices(numbers, weights=[3, 3, 3, 3, 1])[0]
    try:
        if action == "deposit":
            bank.get(src).deposit(amount)
            detail = f"{amount} into #{src}"
        elif action == "withdraw":
            bank.get(src).withdraw(amount)
            detail = f"{amount} from #{src}"
        else:
            dst = random.choice([n for n in numbers[:-1] if n != src] + [999])
            bank.transfer(src, dst, amount)
            detail = f"{amount} from #{src} to #{dst}"
        print(f"{step:2} ok      {action:<8} {detail}")
    except InsufficientFunds as e:
        bank.record(e)
        print(f"{step:2} refused {action:<8} {e} (short by {e.shortfall})")
    except BankError as e:
        bank.record(e)
        print(f"{step:2} refused {action:<8} {type(e).__name__}: {e}")

print()
print("interest:", [bank.get(n).add_interest(5) for n in (101, 103)])
try:
    bank.get(102).add_interest(5)
except AttributeError as e:
    print("no interest for #102:", e)
print(issubclass(UnknownAccount, KeyError), isinstance(AccountFrozen("x"), BankError))

print("\n--- final report ---")
for account in sorted(bank.accounts.values(), key=lambda a: -a.balance):
    moves = len(account.log)
    net = sum(account.log)
    print(f"{account}  moves={moves:<2} net={net:+}")
total = sum(a.balance for a in bank.accounts.values())
print(f"total held: {total}")
for name in sorted(bank.errors):
    print(f"{name:<18} x{bank.errors[name]}")
print(f"errors: {sum(bank.errors.values())} of 20 transactions")
