/*
 * Circular doubly-linked lists with the head embedded in the listed object,
 * with Linux's names and semantics. An empty list is a head pointing at
 * itself; every operation is O(1) except the walks.
 */
#ifndef _LIST_H
#define _LIST_H

#include <compiler.h>
#include <kernel.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)     \
	{                        \
		&(name), &(name) \
	}
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/**
 * INIT_LIST_HEAD - make @list an empty list (or an unlinked entry).
 */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	list->prev = list;
}

static inline void __list_add(struct list_head *entry, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	WRITE_ONCE(prev->next, entry);
}

/**
 * list_add - insert @entry right after @head (at the front: stack order).
 */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head, head->next);
}

/**
 * list_add_tail - insert @entry right before @head (at the back: queue order).
 */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head->prev, head);
}

static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}

/**
 * list_del - unlink @entry from its list. The entry's pointers are left
 * dangling at NULL so that a use after removal faults instead of walking a list
 * it is no longer on.
 */
static inline void list_del(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->next = NULL;
	entry->prev = NULL;
}

/**
 * list_del_init - unlink @entry and make it an empty list of its own.
 */
static inline void list_del_init(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

/**
 * list_move - unlink @entry and insert it at the front of @head.
 */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add(entry, head);
}

/**
 * list_move_tail - unlink @entry and insert it at the back of @head.
 */
static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add_tail(entry, head);
}

/**
 * list_empty - true when @head has no entries.
 */
static inline bool list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

/**
 * list_is_singular - true when @head has exactly one entry.
 */
static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

/**
 * list_splice_init - move every entry of @list to the front of @head; @list ends empty.
 */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	struct list_head *first = list->next, *last = list->prev, *at = head->next;

	if (list_empty(list))
		return;
	first->prev = head;
	head->next = first;
	last->next = at;
	at->prev = last;
	INIT_LIST_HEAD(list);
}

/* list_entry - the object of type @type whose member @member is the list node @ptr. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* list_first_entry - the first object on a list that must not be empty. */
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

/* list_last_entry - the last object on a list that must not be empty. */
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

/* list_first_entry_or_null - the first object, or NULL when the list is empty. */
#define list_first_entry_or_null(head, type, member) \
	(list_empty(head) ? NULL : list_first_entry(head, type, member))

#define list_next_entry(pos, member) list_entry((pos)->member.next, __typeof__(*(pos)), member)

/* list_for_each - walk the nodes of @head; the body must not remove @pos. */
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)

/* list_for_each_entry - walk the objects on @head; the body must not remove @pos. */
#define list_for_each_entry(pos, head, member)                                               \
	for (pos = list_first_entry(head, __typeof__(*pos), member); &pos->member != (head); \
	     pos = list_next_entry(pos, member))

/* list_for_each_entry_safe - walk the objects on @head; the body may remove @pos. */
#define list_for_each_entry_safe(pos, n, head, member)               \
	for (pos = list_first_entry(head, __typeof__(*pos), member), \
	    n = list_next_entry(pos, member);                        \
	     &pos->member != (head); pos = n, n = list_next_entry(n, member))

#endif /* _LIST_H */
