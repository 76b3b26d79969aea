class InsufficientFunds(Exception):
    pass

def pay(amount):
    raise InsufficientFunds(amount, "short")

pay(5)
