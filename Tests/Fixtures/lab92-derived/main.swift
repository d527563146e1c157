// Sees both modules: the earlier lab's and its own.
import Lab91Base
import Lab92Derived

print(greeting(for: "netlab"))
print(Shouter().greet("netlab"))
