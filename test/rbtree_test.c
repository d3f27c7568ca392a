/*
 * Tests for lib/rbtree.c: every red-black rule, the parent links and the in-order sequence
 * checked after inserts and each kind of erase and through long seeded random runs; the
 * in-order walks; node replacement; augmented trees, whose every subtree maximum is
 * recomputed from scratch; and a vmalloc-style free-area tree whose lowest-fit descent must
 * agree with a brute-force search.
 */
#include <kernel.h>
#include <ktest.h>
#include <rbtree_augmented.h>

#include "xorshift.h"

#define MAX_ITEMS 4096
#define SMALL_RUN_ITEMS 512
#define SMALL_RUN_OPS 5000
#define LONG_RUN_OPS 100000
#define LONG_RUN_CHECK_EVERY 1000
#define VALUE_RANGE 100000
#define ERASE_TREE_ITEMS 255
#define ERASE_ROUNDS 300
/* Deeper than any valid tree of MAX_ITEMS nodes: past it the walk reports a loop. */
#define MAX_DEPTH 64

/* A test object: sorted by (key, seq), augmented by the largest value in its subtree. */
struct item {
	struct rb_node rb;
	u32 key;
	u32 seq;	 /* insertion order: equal keys must stay in it */
	u32 value;	 /* the item's own value, for augmented trees */
	u32 subtree_max; /* the largest value in its subtree, on augmented trees */
	bool linked;	 /* on the tree, as far as the test knows */
};

static struct item items[MAX_ITEMS];
static const struct rb_node *walk[MAX_ITEMS];
static u16 order[MAX_ITEMS];

static u32 item_value(struct item *it)
{
	return it->value;
}

RB_DECLARE_CALLBACKS_MAX(static, item_max_cb, struct item, rb, u32, subtree_max, item_value);

/* A tree of items and what the test expects of it. */
struct tree {
	struct rb_root root;
	unsigned long nr; /* items linked */
	u32 next_seq;
	bool augmented;
};

static struct item *item_of(const struct rb_node *node)
{
	return rb_entry(node, struct item, rb);
}

static bool is_red(const struct rb_node *node)
{
	return node && rb_is_red(node);
}

static u32 rand_below(u64 *seed, u32 n)
{
	return xorshift64_next(seed) % n;
}

/* An empty tree over items[0..n), all marked off the tree. */
static void tree_init(struct tree *tr, unsigned int n, bool augmented)
{
	*tr = (struct tree){ .root = RB_ROOT, .augmented = augmented };
	for (unsigned int i = 0; i < n; i++) {
		items[i] = (struct item){ 0 };
		RB_CLEAR_NODE(&items[i].rb);
	}
}

/*
 * Insert @it the way callers of the tree do: search, link, rebalance. Equal keys go right,
 * so they stay in insertion order. On an augmented tree the search raises every subtree
 * maximum on its path to @value first, as rb_insert_augmented() requires.
 */
static void tree_insert(struct tree *tr, struct item *it, u32 key, u32 value)
{
	struct rb_node **link = &tr->root.rb_node, *parent = NULL;

	it->key = key;
	it->seq = tr->next_seq++;
	it->value = value;
	it->subtree_max = value;
	while (*link) {
		struct item *p = item_of(*link);

		parent = *link;
		if (tr->augmented && p->subtree_max < value)
			p->subtree_max = value;
		link = key < p->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	if (tr->augmented)
		rb_insert_augmented(&it->rb, &tr->root, &item_max_cb);
	else
		rb_insert_color(&it->rb, &tr->root);
	it->linked = true;
	tr->nr++;
}

static void tree_erase(struct tree *tr, struct item *it)
{
	if (tr->augmented)
		rb_erase_augmented(&it->rb, &tr->root, &item_max_cb);
	else
		rb_erase(&it->rb, &tr->root);
	RB_CLEAR_NODE(&it->rb);
	it->linked = false;
	tr->nr--;
}

/* What the validator carries through its in-order walk. */
struct check {
	struct ktest *t;
	const struct tree *tr;
	const struct item *prev; /* the node visited last */
	unsigned long seen;
	unsigned int height;
};

/*
 * Check the subtree at @node, @depth nodes below the top (the root is at depth 1), whose
 * parent must be @parent. Sets *@max to the largest value in the subtree, recomputed from
 * the items' own values. Return: the subtree's black height (an empty child counts 1), or
 * -1 after reporting the first broken rule.
 */
static int check_subtree(struct check *c, const struct rb_node *node, const struct rb_node *parent,
			 unsigned int depth, u32 *sub_max)
{
	u32 left_max = 0, right_max = 0;
	const struct item *it;
	int left_bh, right_bh;

	*sub_max = 0;
	if (!node)
		return 1;
	it = item_of(node);
	if (depth > MAX_DEPTH) {
		KTEST_FAIL(c->t, "depth: expected at most %d, saw more (a loop?)", MAX_DEPTH);
		return -1;
	}
	if (rb_parent(node) != parent) {
		KTEST_FAIL(c->t, "parent of key %u: expected %p, saw %p", it->key, parent,
			   rb_parent(node));
		return -1;
	}
	if (!it->linked) {
		KTEST_FAIL(c->t,
			   "key %u: expected only linked items on the tree, saw an erased one",
			   it->key);
		return -1;
	}
	if (rb_is_red(node) && (is_red(node->rb_left) || is_red(node->rb_right))) {
		KTEST_FAIL(c->t, "red key %u: expected black children, saw a red %s child", it->key,
			   is_red(node->rb_left) ? "left" : "right");
		return -1;
	}
	left_bh = check_subtree(c, node->rb_left, node, depth + 1, &left_max);
	if (left_bh < 0)
		return -1;
	if (c->prev &&
	    (it->key < c->prev->key || (it->key == c->prev->key && it->seq <= c->prev->seq))) {
		KTEST_FAIL(c->t, "in-order walk: expected (key, seq) above (%u, %u), saw (%u, %u)",
			   c->prev->key, c->prev->seq, it->key, it->seq);
		return -1;
	}
	c->prev = it;
	c->seen++;
	c->height = max(c->height, depth);
	right_bh = check_subtree(c, node->rb_right, node, depth + 1, &right_max);
	if (right_bh < 0)
		return -1;
	if (left_bh != right_bh) {
		KTEST_FAIL(c->t,
			   "black height below key %u: expected equal sides, saw %d left, %d right",
			   it->key, left_bh, right_bh);
		return -1;
	}
	*sub_max = max(it->value, max(left_max, right_max));
	if (c->tr->augmented && it->subtree_max != *sub_max) {
		KTEST_FAIL(c->t, "subtree max of key %u: expected %u (recomputed), saw %u", it->key,
			   *sub_max, it->subtree_max);
		return -1;
	}
	return left_bh + rb_is_black(node);
}

/*
 * Walk the whole tree and check every red-black rule, the parent links, the sort order,
 * the node count, the height bound and (augmented trees) every subtree maximum. Reports
 * the first problem found, with what was expected and what was seen.
 */
static bool tree_is_valid(struct ktest *t, const struct tree *tr)
{
	const struct rb_node *root = tr->root.rb_node;
	struct check c = { .t = t, .tr = tr };
	u64 n1 = tr->nr + 1;
	u32 sub_max;

	if (root && !rb_is_black(root)) {
		KTEST_FAIL(t, "root key %u: expected black, saw red", item_of(root)->key);
		return false;
	}
	if (check_subtree(&c, root, NULL, 1, &sub_max) < 0)
		return false;
	if (c.seen != tr->nr) {
		KTEST_FAIL(t, "nodes on the tree: expected %lu, saw %lu", tr->nr, c.seen);
		return false;
	}
	/* height <= 2 * log2(n + 1), squared out of the logarithm: 2^height <= (n + 1)^2 */
	if ((1ULL << c.height) > n1 * n1) {
		KTEST_FAIL(t, "height: expected at most 2*log2(n+1) for n = %lu, saw %u", tr->nr,
			   c.height);
		return false;
	}
	return true;
}

/* A random item of items[0..n) that is (@linked) or is not on the tree; NULL if none. */
static struct item *pick_item(u64 *seed, unsigned int n, bool linked)
{
	unsigned int start = rand_below(seed, n);

	for (unsigned int i = 0; i < n; i++) {
		struct item *it = &items[(start + i) % n];

		if (it->linked == linked)
			return it;
	}
	return NULL;
}

/*
 * One step of a random run over items[0..n): insert an item with a random key (duplicates
 * are common) and value, or erase a random one. Phases of 2n steps alternately favour
 * inserts and erases three to one, so the tree sweeps from empty to full and back.
 */
static void random_step(struct tree *tr, u64 *seed, unsigned int n, unsigned long step)
{
	bool growing = (step / (2 * n)) % 2 == 0;
	bool insert = rand_below(seed, 4) < (growing ? 3U : 1U);
	struct item *it = pick_item(seed, n, !insert);

	if (!it) {
		insert = !insert;
		it = pick_item(seed, n, !insert);
	}
	if (insert)
		tree_insert(tr, it, rand_below(seed, 2 * n), rand_below(seed, VALUE_RANGE));
	else
		tree_erase(tr, it);
}

/* Random steps, the whole tree checked every @check_every of them and at the end. */
static bool random_run(struct ktest *t, bool augmented, unsigned int n, unsigned long steps,
		       unsigned long check_every, u64 seed)
{
	struct tree tr;

	tree_init(&tr, n, augmented);
	for (unsigned long step = 1; step <= steps; step++) {
		random_step(&tr, &seed, n, step);
		if ((step % check_every == 0 || step == steps) && !tree_is_valid(t, &tr)) {
			ktest_printf(t, "after step %lu of %lu, %lu nodes on the tree", step, steps,
				     tr.nr);
			return false;
		}
	}
	return true;
}

/* A shuffled order[0..n) of the numbers 0..n-1 (Fisher-Yates). */
static void shuffle_order(unsigned int n, u64 *seed)
{
	for (unsigned int i = 0; i < n; i++)
		order[i] = i;
	for (unsigned int i = n - 1; i > 0; i--) {
		unsigned int j = rand_below(seed, i + 1);
		u16 tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
}

/* items[0..n) inserted with random keys below @key_range and random values. */
static void build_random_tree(struct tree *tr, unsigned int n, bool augmented, u32 key_range,
			      u64 *seed)
{
	tree_init(tr, n, augmented);
	for (unsigned int i = 0; i < n; i++)
		tree_insert(tr, &items[i], rand_below(seed, key_range),
			    rand_below(seed, VALUE_RANGE));
}

static void empty_tree_has_no_nodes_and_no_first_or_last(struct ktest *t)
{
	struct tree tr;

	tree_init(&tr, 0, false);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tr.root));
	KTEST_EXPECT_NULL(t, rb_first(&tr.root));
	KTEST_EXPECT_NULL(t, rb_last(&tr.root));
	KTEST_EXPECT_TRUE(t, tree_is_valid(t, &tr));
}

static void cleared_node_is_empty_and_has_no_neighbours(struct ktest *t)
{
	struct tree tr;

	tree_init(&tr, 2, false);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_NODE(&items[0].rb));
	KTEST_EXPECT_NULL(t, rb_next(&items[0].rb));
	KTEST_EXPECT_NULL(t, rb_prev(&items[0].rb));
	tree_insert(&tr, &items[0], 1, 0);
	tree_insert(&tr, &items[1], 2, 0);
	KTEST_EXPECT_FALSE(t, RB_EMPTY_NODE(&items[0].rb));
	KTEST_EXPECT_FALSE(t, RB_EMPTY_ROOT(&tr.root));
	tree_erase(&tr, &items[0]);
	KTEST_EXPECT_TRUE(t, RB_EMPTY_NODE(&items[0].rb));
	KTEST_EXPECT_NULL(t, rb_next(&items[0].rb));
}

static void first_insert_becomes_a_black_root(struct ktest *t)
{
	struct tree tr;

	tree_init(&tr, 1, false);
	tree_insert(&tr, &items[0], 42, 0);
	KTEST_EXPECT_PTR_EQ(t, tr.root.rb_node, &items[0].rb);
	KTEST_EXPECT_TRUE(t, rb_is_black(&items[0].rb));
	KTEST_EXPECT_NULL(t, rb_parent(&items[0].rb));
	KTEST_EXPECT_PTR_EQ(t, rb_first(&tr.root), &items[0].rb);
	KTEST_EXPECT_PTR_EQ(t, rb_last(&tr.root), &items[0].rb);
	KTEST_EXPECT_NULL(t, rb_next(&items[0].rb));
	KTEST_EXPECT_NULL(t, rb_prev(&items[0].rb));
}

static void inorder_walk_is_sorted_after_random_inserts(struct ktest *t)
{
	u64 seed = 0x5eed0001;
	const struct rb_node *node;
	unsigned long count = 0;
	struct tree tr;
	u32 prev_key = 0;

	build_random_tree(&tr, MAX_ITEMS, false, U32_MAX, &seed);
	KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	for (node = rb_first(&tr.root); node; node = rb_next(node)) {
		KTEST_ASSERT_GE(t, item_of(node)->key, prev_key);
		prev_key = item_of(node)->key;
		count++;
	}
	KTEST_EXPECT_EQ(t, count, (unsigned long)MAX_ITEMS);
}

/* Sorted input is a plain binary tree's worst case: a list. Here it must stay shallow. */
static void sorted_inserts_keep_the_height_logarithmic(struct ktest *t)
{
	struct tree tr;

	tree_init(&tr, MAX_ITEMS, false);
	for (unsigned int i = 0; i < MAX_ITEMS / 2; i++) {
		tree_insert(&tr, &items[i], i, 0);
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
	for (unsigned int i = MAX_ITEMS / 2; i < MAX_ITEMS; i++) {
		tree_insert(&tr, &items[i], MAX_ITEMS - i, 0);
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
}

static void next_and_prev_walk_the_same_nodes_in_opposite_orders(struct ktest *t)
{
	u64 seed = 0x5eed0002;
	const struct rb_node *node;
	unsigned int n = 0;
	struct tree tr;

	build_random_tree(&tr, MAX_ITEMS, false, 1000, &seed);
	for (node = rb_first(&tr.root); node; node = rb_next(node))
		walk[n++] = node;
	KTEST_ASSERT_EQ(t, n, (unsigned int)MAX_ITEMS);
	KTEST_EXPECT_PTR_EQ(t, walk[n - 1], rb_last(&tr.root));
	KTEST_EXPECT_NULL(t, rb_prev(rb_first(&tr.root)));
	for (node = rb_last(&tr.root); node; node = rb_prev(node)) {
		KTEST_ASSERT_GT(t, n, 0U);
		n--;
		if (node != walk[n]) {
			KTEST_FAIL(t,
				   "rb_prev() at position %u: expected key %u (seq %u), saw %u "
				   "(seq %u)",
				   n, item_of(walk[n])->key, item_of(walk[n])->seq,
				   item_of(node)->key, item_of(node)->seq);
			return;
		}
	}
	KTEST_EXPECT_EQ(t, n, 0U);
}

static void equal_keys_linked_to_the_right_stay_in_insertion_order(struct ktest *t)
{
	u64 seed = 0x5eed0003;
	const struct rb_node *node;
	struct tree tr;

	/* Four keys over 1024 nodes; the validator checks (key, seq) order after each step. */
	build_random_tree(&tr, 1024, false, 4, &seed);
	KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	for (unsigned int i = 0; i < 512; i++)
		tree_erase(&tr, &items[rand_below(&seed, 2) ? i : 1023 - i]);
	KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	for (node = rb_first(&tr.root); node && rb_next(node); node = rb_next(node))
		if (item_of(node)->key == item_of(rb_next(node))->key)
			KTEST_ASSERT_LT(t, item_of(node)->seq, item_of(rb_next(node))->seq);
}

enum erase_kind {
	ERASE_LEAF,
	ERASE_ONE_CHILD,
	ERASE_TWO_CHILDREN,
	ERASE_ROOT,
};

static bool is_kind(const struct rb_node *node, const struct tree *tr, enum erase_kind kind)
{
	int children = !!node->rb_left + !!node->rb_right;

	switch (kind) {
	case ERASE_LEAF:
		return children == 0;
	case ERASE_ONE_CHILD:
		return children == 1;
	case ERASE_TWO_CHILDREN:
		return children == 2;
	case ERASE_ROOT:
		return node == tr->root.rb_node;
	}
	return false;
}

/*
 * Which of two variants of @kind erasing @node exercises (an index into a "seen" count):
 * leaf: black (1) or red (0); one child: on the right (1) or left (0); two children: the
 * successor is the right child itself (1) or deeper (0); root: with two children (1) or not.
 */
static int variant_of(const struct rb_node *node, enum erase_kind kind)
{
	switch (kind) {
	case ERASE_LEAF:
		return rb_is_black(node);
	case ERASE_ONE_CHILD:
		return node->rb_right != NULL;
	case ERASE_TWO_CHILDREN:
		return node->rb_right->rb_left == NULL;
	case ERASE_ROOT:
		return node->rb_left && node->rb_right;
	}
	return 0;
}

static const char *const kind_names[] = {
	[ERASE_LEAF] = "leaf",
	[ERASE_ONE_CHILD] = "node with one child",
	[ERASE_TWO_CHILDREN] = "node with two children",
	[ERASE_ROOT] = "root",
};

/* A random node of @kind on the tree over items[0..ERASE_TREE_ITEMS), or NULL if none. */
static struct item *pick_of_kind(const struct tree *tr, enum erase_kind kind, u64 *seed)
{
	unsigned int start = rand_below(seed, ERASE_TREE_ITEMS);

	for (unsigned int i = 0; i < ERASE_TREE_ITEMS; i++) {
		struct item *it = &items[(start + i) % ERASE_TREE_ITEMS];

		if (is_kind(&it->rb, tr, kind))
			return it;
	}
	return NULL;
}

/*
 * ERASE_ROUNDS times: erase a random node of @kind from a random tree, check the tree,
 * put the item back with a new key and check again. Counts the variants met in @seen.
 */
static bool erase_rounds(struct ktest *t, enum erase_kind kind, u64 seed, unsigned long seen[2])
{
	struct tree tr;

	build_random_tree(&tr, ERASE_TREE_ITEMS, false, 1000, &seed);
	for (unsigned int round = 0; round < ERASE_ROUNDS; round++) {
		struct item *victim = pick_of_kind(&tr, kind, &seed);

		/* The tree may have lost every node of this kind (255 nodes can form a
		 * perfect tree): reshape it with random moves until one turns up. */
		for (unsigned int move = 0; !victim && move < ERASE_TREE_ITEMS; move++) {
			struct item *it = &items[rand_below(&seed, ERASE_TREE_ITEMS)];

			tree_erase(&tr, it);
			tree_insert(&tr, it, rand_below(&seed, 1000), 0);
			victim = pick_of_kind(&tr, kind, &seed);
		}
		if (!victim) {
			KTEST_FAIL(t, "round %u: expected a %s on the tree, saw none", round,
				   kind_names[kind]);
			return false;
		}
		seen[variant_of(&victim->rb, kind)]++;
		tree_erase(&tr, victim);
		if (!tree_is_valid(t, &tr)) {
			ktest_printf(t, "after erasing a %s, key %u, in round %u", kind_names[kind],
				     victim->key, round);
			return false;
		}
		tree_insert(&tr, victim, rand_below(&seed, 1000), 0);
		if (!tree_is_valid(t, &tr)) {
			ktest_printf(t, "after inserting key %u in round %u", victim->key, round);
			return false;
		}
	}
	return true;
}

static void erase_of_a_leaf_keeps_red_black_properties(struct ktest *t)
{
	unsigned long seen[2] = { 0 };

	KTEST_ASSERT_TRUE(t, erase_rounds(t, ERASE_LEAF, 0x5eed0004, seen));
	KTEST_EXPECT_GT(t, seen[0], 0UL); /* red leaves */
	KTEST_EXPECT_GT(t, seen[1], 0UL); /* black leaves: these need the fixup */
}

static void erase_of_a_node_with_one_child_keeps_red_black_properties(struct ktest *t)
{
	unsigned long seen[2] = { 0 };

	KTEST_ASSERT_TRUE(t, erase_rounds(t, ERASE_ONE_CHILD, 0x5eed0005, seen));
	KTEST_EXPECT_GT(t, seen[0], 0UL); /* left child */
	KTEST_EXPECT_GT(t, seen[1], 0UL); /* right child */
}

static void erase_of_a_node_with_two_children_keeps_red_black_properties(struct ktest *t)
{
	unsigned long seen[2] = { 0 };

	KTEST_ASSERT_TRUE(t, erase_rounds(t, ERASE_TWO_CHILDREN, 0x5eed0006, seen));
	KTEST_EXPECT_GT(t, seen[0], 0UL); /* successor deep in the right subtree */
	KTEST_EXPECT_GT(t, seen[1], 0UL); /* successor is the right child */
}

static void erase_of_the_root_keeps_red_black_properties(struct ktest *t)
{
	unsigned long seen[2] = { 0 };
	u64 seed = 0x5eed0007;
	struct tree tr;

	KTEST_ASSERT_TRUE(t, erase_rounds(t, ERASE_ROOT, seed, seen));
	KTEST_EXPECT_GT(t, seen[1], 0UL); /* a root with two children */

	/* Then down to nothing, root after root: the last ones have one child or none. */
	build_random_tree(&tr, ERASE_TREE_ITEMS, false, 1000, &seed);
	while (tr.root.rb_node) {
		seen[variant_of(tr.root.rb_node, ERASE_ROOT)]++;
		tree_erase(&tr, item_of(tr.root.rb_node));
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
	KTEST_EXPECT_GT(t, seen[0], 0UL); /* a root with one child or none */
	KTEST_EXPECT_EQ(t, tr.nr, 0UL);
}

static void erase_of_every_node_in_random_order_empties_the_tree(struct ktest *t)
{
	u64 seed = 0x5eed0008;
	struct tree tr;

	build_random_tree(&tr, 1024, false, 1000, &seed);
	shuffle_order(1024, &seed);
	for (unsigned int i = 0; i < 1024; i++) {
		tree_erase(&tr, &items[order[i]]);
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
	KTEST_EXPECT_TRUE(t, RB_EMPTY_ROOT(&tr.root));
	KTEST_EXPECT_NULL(t, rb_first(&tr.root));
	KTEST_EXPECT_NULL(t, rb_last(&tr.root));
}

static void random_inserts_and_erases_keep_red_black_properties(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, random_run(t, false, SMALL_RUN_ITEMS, SMALL_RUN_OPS, 1, 0x5eed0009));
}

static void long_random_run_keeps_red_black_properties(struct ktest *t)
{
	KTEST_EXPECT_TRUE(
		t, random_run(t, false, MAX_ITEMS, LONG_RUN_OPS, LONG_RUN_CHECK_EVERY, 0x5eed000a));
}

static void replace_node_puts_the_new_node_in_the_victims_place(struct ktest *t)
{
	u64 seed = 0x5eed000b;
	struct item *victim, *new = &items[100];
	struct tree tr;

	build_random_tree(&tr, 100, false, 1000, &seed);
	/* An inner node, then the root. */
	for (int pass = 0; pass < 2; pass++) {
		victim = pass == 0 ? &items[50] : item_of(tr.root.rb_node);
		*new = (struct item){ .key = victim->key, .seq = victim->seq, .linked = true };
		rb_replace_node(&victim->rb, &new->rb, &tr.root);
		victim->linked = false;
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
		if (pass == 1)
			KTEST_EXPECT_PTR_EQ(t, tr.root.rb_node, &new->rb);
		if (rb_prev(&new->rb))
			KTEST_EXPECT_PTR_EQ(t, rb_next(rb_prev(&new->rb)), &new->rb);
		if (rb_next(&new->rb))
			KTEST_EXPECT_PTR_EQ(t, rb_prev(rb_next(&new->rb)), &new->rb);
		/* Put the victim back the same way, so the next pass can use new again. */
		rb_replace_node(&new->rb, &victim->rb, &tr.root);
		victim->linked = true;
		new->linked = false;
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
}

static void augmented_max_is_correct_after_every_operation(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, random_run(t, true, SMALL_RUN_ITEMS, SMALL_RUN_OPS, 1, 0x5eed000c));
}

static void augmented_max_stays_correct_through_a_long_random_run(struct ktest *t)
{
	KTEST_EXPECT_TRUE(
		t, random_run(t, true, MAX_ITEMS, LONG_RUN_OPS, LONG_RUN_CHECK_EVERY, 0x5eed000d));
}

/*
 * The subtle erase: the successor moves into the erased node's place and inherits its
 * subtree maximum, which still counts the erased node. Make that node the holder of the
 * tree's maximum every time, so a stale inherited value shows at the root.
 */
static void augmented_erase_of_the_max_holder_with_two_children_drops_its_value(struct ktest *t)
{
	const u32 big = VALUE_RANGE * 2;
	unsigned long successor_deep = 0, successor_right_child = 0;
	u64 seed = 0x5eed000e;
	struct tree tr;

	build_random_tree(&tr, ERASE_TREE_ITEMS, true, 1000, &seed);
	for (unsigned int round = 0; round < ERASE_ROUNDS; round++) {
		struct rb_node *node = &pick_item(&seed, ERASE_TREE_ITEMS, true)->rb;
		struct item *victim;

		/* The nearest ancestor with two children (every tree this size has some). */
		while (!(node->rb_left && node->rb_right) && rb_parent(node))
			node = rb_parent(node);
		KTEST_ASSERT_TRUE(t, node->rb_left && node->rb_right);
		victim = item_of(node);
		victim->value = big;
		item_max_cb_propagate(&victim->rb, NULL);
		KTEST_ASSERT_EQ(t, item_of(tr.root.rb_node)->subtree_max, big);
		if (victim->rb.rb_right->rb_left)
			successor_deep++;
		else
			successor_right_child++;
		tree_erase(&tr, victim);
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
		KTEST_ASSERT_LT(t, item_of(tr.root.rb_node)->subtree_max, big);
		tree_insert(&tr, victim, rand_below(&seed, 1000), rand_below(&seed, VALUE_RANGE));
		KTEST_ASSERT_TRUE(t, tree_is_valid(t, &tr));
	}
	KTEST_EXPECT_GT(t, successor_deep, 0UL);
	KTEST_EXPECT_GT(t, successor_right_child, 0UL);
}

static void propagate_after_changing_a_value_in_place_restores_the_max(struct ktest *t)
{
	u64 seed = 0x5eed000f;
	struct tree tr;

	build_random_tree(&tr, 1024, true, 1000, &seed);
	for (unsigned int round = 0; round < 2000; round++) {
		struct item *it = pick_item(&seed, 1024, true);

		it->value = rand_below(&seed, VALUE_RANGE);
		item_max_cb_propagate(&it->rb, NULL);
		if (!tree_is_valid(t, &tr)) {
			ktest_printf(t, "after setting key %u to value %u in round %u", it->key,
				     it->value, round);
			return;
		}
	}
}

/*
 * The vmalloc use: free address ranges on a tree sorted by start, each node augmented with
 * the largest size in its subtree, so that the lowest-addressed area of at least a given
 * size is found by one descent.
 */
struct free_area {
	struct rb_node rb;
	unsigned long start, size;
	unsigned long subtree_max_size;
	bool in_use; /* the node holds a free area (it is on the tree) */
};

static unsigned long fa_size(struct free_area *fa)
{
	return fa->size;
}

RB_DECLARE_CALLBACKS_MAX(static, free_area_cb, struct free_area, rb, unsigned long,
			 subtree_max_size, fa_size);

#define FA_PAGE 0x1000UL
#define FA_NODES 1024
#define FA_SLOT (256 * FA_PAGE) /* descent test: area i lies in [i * FA_SLOT, (i+1) * FA_SLOT) */
#define FA_TRIALS 40
#define FA_QUERIES 200
#define FA_ARENA_START 0x40000000UL
#define FA_ARENA_PAGES 8192
#define FA_MAX_ALLOCS 512
#define FA_ALLOC_STEPS 20000

static struct free_area free_areas[FA_NODES];

static struct free_area *fa_of(const struct rb_node *node)
{
	return rb_entry_safe(node, struct free_area, rb);
}

/* Insert @fa by start, raising every subtree maximum on the search path first. */
static void free_area_insert(struct rb_root *root, struct free_area *fa)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	fa->subtree_max_size = fa->size;
	while (*link) {
		struct free_area *p = fa_of(*link);

		parent = *link;
		p->subtree_max_size = max(p->subtree_max_size, fa->size);
		link = fa->start < p->start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&fa->rb, parent, link);
	rb_insert_augmented(&fa->rb, root, &free_area_cb);
	fa->in_use = true;
}

static void free_area_erase(struct rb_root *root, struct free_area *fa)
{
	rb_erase_augmented(&fa->rb, root, &free_area_cb);
	fa->in_use = false;
}

/*
 * The lowest-addressed free area of at least @size, by descent: the left subtree holds
 * lower addresses, so go left whenever its maximum says something there fits; else this
 * node if it fits; else the right subtree, if its maximum allows.
 */
static struct free_area *find_lowest_fit(const struct rb_root *root, unsigned long size)
{
	struct rb_node *node = root->rb_node;

	if (!node || fa_of(node)->subtree_max_size < size)
		return NULL;
	for (;;) {
		struct free_area *left = fa_of(node->rb_left), *right = fa_of(node->rb_right);

		if (left && left->subtree_max_size >= size)
			node = node->rb_left;
		else if (fa_of(node)->size >= size)
			return fa_of(node);
		else if (right && right->subtree_max_size >= size)
			node = node->rb_right;
		else
			return NULL; /* only a stale maximum could bring us here */
	}
}

/* The same answer by brute force over every node in use. */
static struct free_area *linear_lowest_fit(unsigned long size)
{
	struct free_area *best = NULL;

	for (unsigned int i = 0; i < FA_NODES; i++) {
		struct free_area *fa = &free_areas[i];

		if (fa->in_use && fa->size >= size && (!best || fa->start < best->start))
			best = fa;
	}
	return best;
}

/* Recompute every subtree maximum from scratch; report the first stale one. */
static bool free_area_max_ok(struct ktest *t, const struct rb_node *node, unsigned long *sub_max)
{
	unsigned long left = 0, right = 0;

	*sub_max = 0;
	if (!node)
		return true;
	if (!free_area_max_ok(t, node->rb_left, &left) ||
	    !free_area_max_ok(t, node->rb_right, &right))
		return false;
	*sub_max = max(fa_of(node)->size, max(left, right));
	if (fa_of(node)->subtree_max_size != *sub_max) {
		KTEST_FAIL(t, "subtree max size at %#lx: expected %#lx (recomputed), saw %#lx",
			   fa_of(node)->start, *sub_max, fa_of(node)->subtree_max_size);
		return false;
	}
	return true;
}

static bool same_fit(struct ktest *t, const struct rb_root *root, unsigned long size)
{
	struct free_area *want = linear_lowest_fit(size), *got = find_lowest_fit(root, size);

	if (got == want)
		return true;
	KTEST_FAIL(t, "lowest fit for size %#lx: expected area at %#lx, saw %#lx (0: none)", size,
		   want ? want->start : 0, got ? got->start : 0);
	return false;
}

/* Sizes from one page to about a slot, small ones much more common, as in real use. */
static unsigned long random_size(u64 *seed, unsigned int max_order)
{
	unsigned int order = rand_below(seed, max_order + 1);

	return FA_PAGE * (1 + rand_below(seed, 1U << order));
}

/* A random node holding a free area; there must be one. */
static struct free_area *random_free_area(u64 *seed)
{
	unsigned int start = rand_below(seed, FA_NODES);

	for (unsigned int i = 0;; i++)
		if (free_areas[(start + i) % FA_NODES].in_use)
			return &free_areas[(start + i) % FA_NODES];
}

static void free_area_descent_finds_the_lowest_fit_as_a_linear_search_does(struct ktest *t)
{
	u64 seed = 0x5eed0010;
	unsigned long sub_max;

	for (unsigned int trial = 0; trial < FA_TRIALS; trial++) {
		struct rb_root root = RB_ROOT;
		unsigned int n = 1 + rand_below(&seed, FA_NODES);

		/* n areas, one per slot so they never overlap, inserted in random order. */
		shuffle_order(n, &seed);
		for (unsigned int i = 0; i < FA_NODES; i++)
			free_areas[i] = (struct free_area){ 0 };
		for (unsigned int i = 0; i < n; i++) {
			struct free_area *fa = &free_areas[order[i]];

			fa->size = random_size(&seed, 7);
			fa->start = order[i] * FA_SLOT + FA_PAGE * rand_below(&seed, 128);
			free_area_insert(&root, fa);
		}
		for (unsigned int q = 0; q < FA_QUERIES; q++) {
			KTEST_ASSERT_TRUE(t, same_fit(t, &root, random_size(&seed, 8)));
			/* Take an area away now and then, as allocations use them up. */
			if (q % 4 == 0 && !RB_EMPTY_ROOT(&root)) {
				free_area_erase(&root, random_free_area(&seed));
				KTEST_ASSERT_TRUE(t, free_area_max_ok(t, root.rb_node, &sub_max));
			}
		}
	}
}

static struct free_area *free_area_get(void)
{
	for (unsigned int i = 0; i < FA_NODES; i++)
		if (!free_areas[i].in_use)
			return &free_areas[i];
	return NULL;
}

/*
 * Give [@start, @start + @size) back, merging with the free areas just below and above
 * when they touch it, as vmalloc does: a merge changes a node's start or size in place
 * (its place in the order cannot change) and propagates the new size up.
 */
static void free_range(struct rb_root *root, unsigned long start, unsigned long size)
{
	struct free_area *prev = NULL, *next = NULL, *fa;
	struct rb_node *node = root->rb_node;
	bool touches_prev, touches_next;

	while (node) {
		fa = fa_of(node);
		if (start < fa->start) {
			next = fa;
			node = node->rb_left;
		} else {
			prev = fa;
			node = node->rb_right;
		}
	}
	touches_prev = prev && prev->start + prev->size == start;
	touches_next = next && start + size == next->start;
	if (touches_prev && touches_next) {
		free_area_erase(root, next);
		prev->size += size + next->size;
		free_area_cb_propagate(&prev->rb, NULL);
	} else if (touches_prev) {
		prev->size += size;
		free_area_cb_propagate(&prev->rb, NULL);
	} else if (touches_next) {
		next->start = start;
		next->size += size;
		free_area_cb_propagate(&next->rb, NULL);
	} else {
		fa = free_area_get(); /* never NULL: areas in use <= allocations + 1 */
		fa->start = start;
		fa->size = size;
		free_area_insert(root, fa);
	}
}

/*
 * A first-fit allocator over one arena: allocations carve the front of the lowest free
 * area that fits (shrinking it in place, or erasing it when used up) and frees merge back.
 * Every choice is checked against the brute-force answer, and once everything is freed
 * the arena must be a single free area again.
 */
static void free_area_first_fit_allocator_agrees_with_linear_search_and_merges_back(struct ktest *t)
{
	static struct {
		unsigned long start, size;
	} allocs[FA_MAX_ALLOCS];
	unsigned long nr_allocs = 0, allocated = 0, sub_max;
	struct rb_root root = RB_ROOT;
	u64 seed = 0x5eed0011;
	struct free_area *fa;

	for (unsigned int i = 0; i < FA_NODES; i++)
		free_areas[i] = (struct free_area){ 0 };
	free_range(&root, FA_ARENA_START, FA_ARENA_PAGES * FA_PAGE);
	for (unsigned long step = 0; step < FA_ALLOC_STEPS; step++) {
		bool alloc = nr_allocs == 0 || (nr_allocs < FA_MAX_ALLOCS && rand_below(&seed, 2));

		if (alloc) {
			unsigned long size = random_size(&seed, 6);

			KTEST_ASSERT_TRUE(t, same_fit(t, &root, size));
			fa = find_lowest_fit(&root, size);
			if (!fa)
				continue;
			allocs[nr_allocs].start = fa->start;
			allocs[nr_allocs++].size = size;
			allocated += size;
			if (fa->size == size) {
				free_area_erase(&root, fa);
			} else {
				fa->start += size;
				fa->size -= size;
				free_area_cb_propagate(&fa->rb, NULL);
			}
		} else {
			unsigned long i = rand_below(&seed, nr_allocs);

			free_range(&root, allocs[i].start, allocs[i].size);
			allocated -= allocs[i].size;
			allocs[i] = allocs[--nr_allocs];
		}
		if (step % 100 == 0)
			KTEST_ASSERT_TRUE(t, free_area_max_ok(t, root.rb_node, &sub_max));
	}
	while (nr_allocs) {
		nr_allocs--;
		free_range(&root, allocs[nr_allocs].start, allocs[nr_allocs].size);
		allocated -= allocs[nr_allocs].size;
	}
	KTEST_EXPECT_EQ(t, allocated, 0UL);
	KTEST_ASSERT_NOT_NULL(t, root.rb_node);
	KTEST_EXPECT_NULL(t, root.rb_node->rb_left);
	KTEST_EXPECT_NULL(t, root.rb_node->rb_right);
	KTEST_EXPECT_EQ(t, fa_of(root.rb_node)->start, FA_ARENA_START);
	KTEST_EXPECT_EQ(t, fa_of(root.rb_node)->size, FA_ARENA_PAGES * FA_PAGE);
	KTEST_EXPECT_EQ(t, fa_of(root.rb_node)->subtree_max_size, FA_ARENA_PAGES * FA_PAGE);
}

KTEST_SUITE(rbtree, KTEST_CASE(empty_tree_has_no_nodes_and_no_first_or_last),
	    KTEST_CASE(cleared_node_is_empty_and_has_no_neighbours),
	    KTEST_CASE(first_insert_becomes_a_black_root),
	    KTEST_CASE(inorder_walk_is_sorted_after_random_inserts),
	    KTEST_CASE(sorted_inserts_keep_the_height_logarithmic),
	    KTEST_CASE(next_and_prev_walk_the_same_nodes_in_opposite_orders),
	    KTEST_CASE(equal_keys_linked_to_the_right_stay_in_insertion_order),
	    KTEST_CASE(erase_of_a_leaf_keeps_red_black_properties),
	    KTEST_CASE(erase_of_a_node_with_one_child_keeps_red_black_properties),
	    KTEST_CASE(erase_of_a_node_with_two_children_keeps_red_black_properties),
	    KTEST_CASE(erase_of_the_root_keeps_red_black_properties),
	    KTEST_CASE(erase_of_every_node_in_random_order_empties_the_tree),
	    KTEST_CASE(random_inserts_and_erases_keep_red_black_properties),
	    KTEST_CASE(long_random_run_keeps_red_black_properties),
	    KTEST_CASE(replace_node_puts_the_new_node_in_the_victims_place),
	    KTEST_CASE(augmented_max_is_correct_after_every_operation),
	    KTEST_CASE(augmented_max_stays_correct_through_a_long_random_run),
	    KTEST_CASE(augmented_erase_of_the_max_holder_with_two_children_drops_its_value),
	    KTEST_CASE(propagate_after_changing_a_value_in_place_restores_the_max),
	    KTEST_CASE(free_area_descent_finds_the_lowest_fit_as_a_linear_search_does),
	    KTEST_CASE(free_area_first_fit_allocator_agrees_with_linear_search_and_merges_back));
