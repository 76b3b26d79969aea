class E(Exception):
    def __str__(self):
        return "custom!"
class F(Exception):
    def __init__(self, code):
        self.code = code
try:
    raise E(1, 2)
except E as e:
    print(e, repr(e), e.args)
try:
    raise F(404)
except F as e:
    print(e.code, e.args, repr(str(e)))
