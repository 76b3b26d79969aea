# A tiny stack machine interpreting a list of instructions, with errors.
class VMError(Exception):
    pass

def run(program, trace=False):
    stack, pc, steps = [], 0, 0
    labels = {arg: i for i, (op, arg) in enumerate(program) if op == "label"}
    while pc < len(program):
        op, arg = program[pc]
        pc += 1
        steps += 1
        if steps > 10000:
            raise VMError("too many steps")
        if op == "push":
            stack.append(arg)
        elif op in ("add", "sub", "mul"):
            if len(stack) < 2:
                raise VMError(f"stack underflow at {pc - 1}")
            b, a = stack.pop(), stack.pop()
            stack.append(a + b if op == "add" else a - b if op == "sub" else a * b)
        elif op == "dup":
            stack.append(stack[-1])
        elif op == "jnz":
            if stack.pop():
                pc = labels[arg]
        elif op == "label":
            pass
        else:
            raise VMError(f"unknown op {op!r}")
        if trace:
            print(f"{op:>5} {stack}")
    return stack

factorial = [("push", 1), ("push", 5), ("label", "loop"), ("dup", None), ("push", -1), ("add", None),
             ("dup", None), ("jnz", "more"), ("push", 0), ("jnz", "end"), ("label", "more"),
             ("label", "end")]
print(run([("push", 2), ("push", 3), ("add", None), ("push", 4), ("mul", None)], trace=True))
for prog in [[("add", None)], [("jump", 1)], [("push", 1), ("label", "x"), ("dup", None), ("jnz", "x")]]:
    try:
        run(prog)
    except VMError as e:
        print("error:", e)
print(run(factorial)[:3])
