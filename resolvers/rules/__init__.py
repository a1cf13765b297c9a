"""The rules of the network (../shared/spec/rules.md) that are decided in Python: small pure
functions over a frozen state that the mutation's transaction read under lock. What a viewer may
*see* is decided in the Cypher query that reads it (a filter after the fetch would leak through
counts and pages), so those rules point at their queries.

Modules: `actions` (R2), `network` (R4-R9, R13, R18), `quota` (R6's weekly quota), `messaging`
(R12, R16), `posts` (R17), `companies` (R17, R20), `limits` (every length and format limit),
`notifications` (R26's retention).

Index (Cypher: cypher/<name>.cypher; tests: tests/<folder>/test_<name>.py, each test named
test_r<N>_...):

rule  decided by                              Cypher                          tests
R1    (a setting)                             update_settings, member_cards   profile_settings
R2    actions.member_actions                  member_relations                actions, connecting
R3    (query)                                 member_cards                    connecting
R4    network.decide_invitation               pair_state, create_invitation   decisions, connecting
R5    network.decide_invitation               count_invitation_attempt        decisions, connecting
R6    network.connection_cap, network.quota   pair_state, invitation_state    decisions, connecting
R7    network.decide_answer                   invitation_state, accept_...    connecting, races
R8    network.decide_answer, cooldown         ignore_/withdraw_invitation     connecting, races
R9    network.decide_removal                  remove_connection               connecting
R10   (query)                                 member_degrees                  visibility
R11   (query)                                 member_connections              visibility
R12   messaging.direct_message_refusal        message_state, send_message     companies_messages
R13   network.decide_follow                   pair_state, follow              visibility, races
R14   (query)                                 viewer_followers, _following    visibility
R15   (query)                                 feed, member_posts              posts_feed
R16   messaging.inmail_refusal, inmail_cost   message_state, send_message     companies_messages
R17   posts.decide_share, decide_delete       post_access, post_cards         posts_feed
R18   network.visible_target                  block_member, unblock_member    visibility
R19   (query)                                 feed                            posts_feed
R20   companies.decide_add_admin, ...         company_access                  companies_messages
R21   (query)                                 people_you_may_know             finding_people
R22   limits.lucene_query                     search_members                  finding_people
R23   (query)                                 path_from_viewer                visibility
R24   limits.check_*                          sign_up, sign_in_lookup         accounts, validation
R25   network.visible_target, every query     every *_cards query             visibility_matrix
R26   notifications.kept_since, (query)       notification_visible, create_.. notifications
"""
