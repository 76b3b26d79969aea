for it in [enumerate([1]), zip([1]), map(str, [1]), filter(None, [1]), reversed([1]), iter({1}), iter({1: 2}.values()), iter({1: 2}.items())]:
    print(type(it).__name__, iter(it) is it, next(it), next(it, 'end'))
