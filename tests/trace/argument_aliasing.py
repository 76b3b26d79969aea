# A parameter is another name for the caller's object: mutating it shows, rebinding it does not.
def mutate(items):
    items.append(99)


def rebind(items):
    items = [0]
    return items


nums = [1, 2]
mutate(nums)
fresh = rebind(nums)
print(nums, fresh, fresh is nums)
