pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
         (KeyError, LookupError), (IndexError, LookupError), (StopIteration, Exception),
         (KeyboardInterrupt, Exception), (KeyboardInterrupt, BaseException),
         (SystemExit, Exception), (UnboundLocalError, NameError), (RecursionError, RuntimeError),
         (NotImplementedError, RuntimeError), (TabError, SyntaxError),
         (ModuleNotFoundError, ImportError), (GeneratorExit, Exception)]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
