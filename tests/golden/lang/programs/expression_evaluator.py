# An expression evaluator: a generator tokenizer, a recursive-descent parser
# that builds AST node classes, and a stack machine the tree compiles to.
import math


class CalcError(Exception):
    pass


class ParseError(CalcError):
    pass


class EvalError(CalcError):
    pass


def tokenize(text):
    """Yield numbers (as floats), names and one-character operators, then None."""
    i = 0
    while i < len(text):
        ch = text[i]
        start = i
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            while i < len(text) and (text[i].isdigit() or text[i] == "."):
                i += 1
            yield float(text[start:i])  # ValueError for "1.2.3"
        elif ch.isalpha():
            while i < len(text) and text[i].isalnum():
                i += 1
            yield text[start:i]
        elif ch in "+-*/^(),":
            i += 1
            yield ch
        else:
            raise ParseError(f"unexpected character {ch!r} at {i}")
    yield None


class Leaf:
    """A number (a float) or a variable (its name)."""

    def __init__(self, value):
        self.value = value

    def emit(self, code):
        code.append(("PUSH" if isinstance(self.value, float) else "LOAD", self.value))

    def __repr__(self):
        return f"{self.value:g}" if isinstance(self.value, float) else self.value


class Call:
    """A function applied to argument subtrees; operators are functions too."""

    def __init__(self, name, args):
        self.name, self.args = name, args

    def emit(self, code):
        for arg in self.args:
            arg.emit(code)
        code.append(("CALL", (self.name, len(self.args))))

    def __repr__(self):
        return f"{self.name}({', '.join(map(repr, self.args))})"


class BinOp(Call):
    def __init__(self, op, left, right):
        super().__init__(op, [left, right])

    def __repr__(self):
        left, right = self.args
        return f"({left!r} {self.name} {right!r})"


class Parser:
    """expr: term (+|- term)*   term: unary (*|/ unary)*
    unary: - unary | atom (^ unary)?   atom: number | name | name(args) | (expr)"""

    def __init__(self, text):
        self.tokens = tokenize(text)
        self.tok = next(self.tokens)

    def take(self):
        tok, self.tok = self.tok, next(self.tokens)
        return tok

    def expect(self, tok):
        if self.tok != tok:
            raise ParseError(f"expected {tok!r}, found {self.describe()}")
        self.take()

    def describe(self):
        return "end of input" if self.tok is None else repr(self.tok)

    def parse(self):
        tree = self.expr()
        if self.tok is not None:
            raise ParseError(f"unexpected {self.describe()} after expression")
        return tree

    def expr(self):
        return self.binary(("+", "-"), self.term)

    def term(self):
        return self.binary(("*", "/"), self.unary)

    def binary(self, ops, operand):
        node = operand()
        while self.tok in ops:
            node = BinOp(self.take(), node, operand())
        return node

    def unary(self):
        if self.tok == "-":
            self.take()
            return Call("neg", [self.unary()])
        node = self.atom()
        if self.tok == "^":
            node = BinOp(self.take(), node, self.unary())
        return node

    def atom(self):
        tok = self.tok
        if isinstance(tok, float):
            return Leaf(self.take())
        if tok == "(":
            self.take()
            node = self.expr()
            self.expect(")")
            return node
        if isinstance(tok, str) and tok.isalpha():
            self.take()
            if self.tok != "(":
                return Leaf(tok)
            self.take()
            args = [self.expr()]
            while self.tok == ",":
                self.take()
                args.append(self.expr())
            self.expect(")")
            return Call(tok, args)
        raise ParseError(f"expected a value, found {self.describe()}")


FUNCS = {"sqrt": math.sqrt, "max": max, "min": min, "neg": lambda a: -a,
         "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
         "/": lambda a, b: a / b, "^": lambda a, b: a ** b}


def run(code, env):
    """Execute stack-machine code: PUSH, LOAD and CALL instructions."""
    stack = []
    for op, arg in code:
        if op == "PUSH":
            stack.append(arg)
        elif op == "LOAD":
            if arg not in env:
                raise EvalError(f"unknown variable {arg!r}")
            stack.append(env[arg])
        else:
            name, count = arg
            args = [stack.pop() for _ in range(count)][::-1]
            if name not in FUNCS:
                raise EvalError(f"unknown function {name}()")
            try:
                stack.append(FUNCS[name](*args))
            except ZeroDivisionError:
                raise EvalError("division by zero") from None
            except ValueError as e:
                raise EvalError(f"{name}: {e}") from None
    return stack.pop()


env = {"x": 3.0, "y": 4.0, "pi": math.pi}
SOURCES = [
    "1 + 2 * 3", "(1 + 2) * 3", "-2 ^ 2 + 2 ^ -1", "2 ^ 3 ^ 2", "sqrt(x * x + y * y)",
    "max(x, y, 10 / 4) - min(1, -x)", "pi * 2 / 4", "1 / (x - 3)", "sqrt(0 - 1)",
    "z + 1", "2 * (3 + 4", "4 + * 5", "3 $ 4", "1.2.3 + 1", "cos(0)", "7 7",
]
results = {}
for source in SOURCES:
    try:
        tree = Parser(source).parse()
        code = []
        tree.emit(code)
        results[source] = run(code, env)
        print(f"{source:<31} => {tree!r:<40} = {results[source]:.6g} [{len(code)} ops]")
    except (CalcError, ValueError) as e:
        print(f"{source:<31} !! {type(e).__name__}: {e}")
print(f"{len(results)} evaluated, {len(SOURCES) - len(results)} errors")
