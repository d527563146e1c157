/// Items that become due at a time: a binary min-heap ordered by due time, then by arrival,
/// so two items due at the same moment leave in the order they came.
///
/// The channel keeps delayed datagrams here. It is a plain value type with no locking;
/// its owner locks.
struct DelayQueue<Item> {
    private struct Entry {
        let due: Double
        let order: UInt64
        let item: Item
        func precedes(_ other: Entry) -> Bool {
            due < other.due || (due == other.due && order < other.order)
        }
    }

    private var heap: [Entry] = []
    private var arrivals: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// When the earliest item becomes due, or `nil` if there is none.
    var nextDue: Double? { heap.first?.due }

    mutating func insert(_ item: Item, due: Double) {
        arrivals += 1
        heap.append(Entry(due: due, order: arrivals, item: item))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest item if it is due at `now`.
    mutating func popDue(now: Double) -> Item? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.item
    }

    mutating func removeAll() { heap.removeAll() }
}
