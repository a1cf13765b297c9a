// The member's own settings: profile, workplace (R20), the choices of R1, R5, R11, R13 and R16,
// InMail credits and the weekly invitation quota (R6, R16), the e-mail, the data export and the
// account's deletion (R28), and blocks (R18).
// Every save goes through act(): the page then shows what the server answered.
import { ApiError, request, mutate, session, gql } from "../api.js";
import { h, act, field, when, pagedList, showStatus, withFieldErrors } from "../ui.js";
import { dataAndAccount } from "./leaving.js";

const BLOCKED_PAGE =
  "edges { node { memberId handle name blockedAt } } pageInfo { hasNextPage endCursor }";
const SETTINGS = gql`query Settings {
  viewer {
    email inMailCredits
    invitationQuota { limit remaining resetsAt }
    settings { primaryButton connectionsVisibility invitationPolicy whoCanFollow openProfile acceptsInMail }
    member { handle name headline worksAt { handle name } }
    blocked(first: 20) { ${BLOCKED_PAGE} }
  }
}`;
const BLOCKED = gql`query Blocked($after: String) { viewer { blocked(first: 20, after: $after) { ${BLOCKED_PAGE} } } }`;
const COMPANY = gql`
  query Company($handle: String!) {
    company(handle: $handle) {
      id
    }
  }
`;
const M = {
  profile: gql`
    mutation UpdateProfile($input: UpdateProfileInput!) {
      updateProfile(input: $input) {
        member {
          handle
          name
        }
        errors {
          code
          message
          field
        }
      }
    }
  `,
  settings: gql`
    mutation UpdateSettings($input: UpdateSettingsInput!) {
      updateSettings(input: $input) {
        settings {
          primaryButton
        }
        errors {
          code
          message
          field
        }
      }
    }
  `,
  workplace: gql`
    mutation SetWorkplace($id: ID) {
      setWorkplace(companyId: $id) {
        member {
          handle
        }
        errors {
          code
          message
          field
        }
      }
    }
  `,
  unblock: gql`
    mutation Unblock($id: ID!) {
      unblock(memberId: $id) {
        blocked {
          name
        }
        errors {
          code
          message
        }
      }
    }
  `,
};

// Each setting with the choices it offers and what it means (from the rules, in plain words).
const CHOICES = [
  [
    "primaryButton",
    "Main button on your profile",
    "What others see first on your profile. Connect sends you an invitation that you accept or ignore; Follow subscribes them to your posts at once. The other one is still offered when allowed.",
    [
      ["CONNECT", "Connect"],
      ["FOLLOW", "Follow"],
    ],
  ],
  [
    "whoCanFollow",
    "Who can follow you",
    "Following needs no consent and shows your posts in the follower's feed. With “Only my connections”, followers who are not your connections are hidden until you switch back.",
    [
      ["EVERYONE", "Everyone"],
      ["CONNECTIONS", "Only my connections"],
    ],
  ],
  [
    "invitationPolicy",
    "Who can invite you to connect",
    "With the second choice an invitation must give your e-mail address, which nobody else ever sees.",
    [
      ["EVERYONE", "Everyone"],
      ["KNOWS_EMAIL", "Only members who know my e-mail address"],
    ],
  ],
  [
    "connectionsVisibility",
    "Who can see your list of connections",
    "Followers and members you are not connected to never see it. Connections you share with someone are always shown to them as mutual.",
    [
      ["CONNECTIONS", "My connections"],
      ["ONLY_ME", "Only me"],
    ],
  ],
];
const TOGGLES = [
  [
    "acceptsInMail",
    "Accept InMail",
    "InMail is a message from a member you are not connected to. When off, nobody can send you one.",
  ],
  ["openProfile", "Open profile", "InMail to you costs the sender no credit."],
];

function section(id, title, ...children) {
  return h(
    "section",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, title),
    ...children,
  );
}

function profileForm(member) {
  const controls = {
    name: h("input", { name: "name", value: member.name, autocomplete: "name", required: true }),
    headline: h("input", {
      name: "headline",
      value: member.headline || "",
      autocomplete: "organization-title",
    }),
  };
  const save = h("button", { type: "submit", class: "primary" }, "Save profile");
  const submit = (event) => {
    event.preventDefault();
    const input = { name: controls.name.value, headline: controls.headline.value };
    act(
      save,
      withFieldErrors(controls, async () => {
        const payload = await mutate(M.profile, { input }, "updateProfile");
        // The navigation shows the name kept with the session.
        session.set(session.get().token, payload.member);
      }),
      "Profile saved.",
    );
  };
  return h(
    "form",
    { class: "stack", novalidate: true, onsubmit: submit },
    field("Name", controls.name),
    field(
      "Headline",
      controls.headline,
      "A line under your name, up to 220 characters; leave it empty for none.",
    ),
    h("div", {}, save),
  );
}

function workplace(member) {
  const handle = h("input", {
    name: "company",
    autocomplete: "off",
    autocapitalize: "none",
    spellcheck: "false",
  });
  const set = h("button", { type: "submit", class: "primary" }, "Set workplace");
  const submit = (event) => {
    event.preventDefault();
    const wanted = handle.value.trim().toLowerCase();
    act(
      set,
      withFieldErrors({ company: handle }, async () => {
        // setWorkplace takes the company's id: the handle the member typed is looked up first.
        const { company } = wanted ? await request(COMPANY, { handle: wanted }) : { company: null };
        if (!company) {
          const message = wanted
            ? `No company has the handle “${wanted}”.`
            : "Enter the handle of a company.";
          throw new ApiError(
            message,
            ["NOT_FOUND"],
            [{ code: "NOT_FOUND", message, field: ["company"] }],
          );
        }
        await mutate(M.workplace, { id: company.id }, "setWorkplace");
      }),
      "Workplace saved.",
    );
  };
  const current = member.worksAt;
  return [
    current
      ? h(
          "p",
          {},
          "You work at ",
          h("a", { href: `#/company/${current.handle}` }, current.name),
          ".",
        )
      : h("p", {}, "You have not stated a workplace."),
    h(
      "form",
      { class: "stack", novalidate: true, onsubmit: submit },
      field(
        "Company handle",
        handle,
        "The last part of the company page's address: #/company/handle.",
      ),
      h(
        "div",
        { class: "actions" },
        set,
        current
          ? h(
              "button",
              {
                type: "button",
                onclick: (e) =>
                  act(
                    e.currentTarget,
                    () => mutate(M.workplace, { id: null }, "setWorkplace"),
                    "Workplace cleared.",
                  ),
              },
              "Clear workplace",
            )
          : null,
      ),
    ),
  ];
}

function choice([name, legend, about, options], current) {
  const hint = `${name}-hint`;
  return h(
    "fieldset",
    { "aria-describedby": hint },
    h("legend", {}, legend),
    h("p", { class: "hint", id: hint }, about),
    options.map(([value, label]) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name, value, checked: current === value }),
        label,
      ),
    ),
  );
}

function toggle([name, label, about], current) {
  const hint = `${name}-hint`;
  return h(
    "div",
    {},
    h(
      "label",
      { class: "choice" },
      h("input", { type: "checkbox", name, checked: current, "aria-describedby": hint }),
      label,
    ),
    h("p", { class: "hint", id: hint }, about),
  );
}

function settingsForm(settings) {
  const save = h("button", { type: "submit", class: "primary" }, "Save settings");
  const form = h(
    "form",
    { class: "stack" },
    CHOICES.map((c) => choice(c, settings[c[0]])),
    TOGGLES.map((t) => toggle(t, settings[t[0]])),
    h("div", {}, save),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Only what changed is sent: a setting changed meanwhile in another tab is kept.
    const input = {};
    for (const [name] of CHOICES) input[name] = form.elements[name].value;
    for (const [name] of TOGGLES) input[name] = form.elements[name].checked;
    for (const name of Object.keys(input)) if (input[name] === settings[name]) delete input[name];
    if (!Object.keys(input).length) return showStatus("Nothing changed.");
    act(save, () => mutate(M.settings, { input }, "updateSettings"), "Settings saved.");
  });
  return form;
}

function allowance(viewer) {
  const quota = viewer.invitationQuota;
  return [
    h("p", {}, "InMail credits: ", h("strong", {}, viewer.inMailCredits)),
    h(
      "p",
      { class: "hint" },
      "An InMail to a member you are not connected to costs one credit, unless their profile is open.",
    ),
    h(
      "p",
      {},
      "Invitations left this week: ",
      h("strong", {}, `${quota.remaining} of ${quota.limit}`),
    ),
    h(
      "p",
      { class: "hint" },
      quota.resetsAt
        ? ["The next one becomes available on ", when(quota.resetsAt), "."]
        : "Each invitation you send counts against this quota for 7 days.",
    ),
  ];
}

function blockedItem(node) {
  const unblock = h(
    "button",
    { type: "button" },
    "Unblock",
    h("span", { class: "sr" }, ` ${node.name}`),
  );
  unblock.addEventListener("click", () =>
    act(
      unblock,
      () => mutate(M.unblock, { id: node.memberId }, "unblock"),
      `You unblocked ${node.name}.`,
    ),
  );
  return h(
    "li",
    { class: "row spread" },
    h(
      "div",
      {},
      h("strong", {}, node.name),
      h("br"),
      h("span", { class: "muted" }, "Blocked ", when(node.blockedAt)),
    ),
    unblock,
  );
}

export async function render() {
  const { viewer } = await request(SETTINGS);
  // The first page came with the page's query; "Show more" asks for the next ones.
  const load = async (after) =>
    after ? (await request(BLOCKED, { after })).viewer.blocked : viewer.blocked;
  const blocked = await pagedList(load, blockedItem, {
    label: "Blocked members",
    empty: "You have not blocked anyone.",
  });
  return h(
    "div",
    {},
    h("h1", {}, "Settings"),
    section("s-profile", "Profile", profileForm(viewer.member)),
    section("s-work", "Workplace", workplace(viewer.member)),
    section("s-choices", "Profile button and privacy", settingsForm(viewer.settings)),
    section("s-allowance", "InMail and invitations", allowance(viewer)),
    section(
      "s-account",
      "Account",
      h("p", {}, "E-mail address: ", h("strong", {}, viewer.email)),
      h("p", { class: "hint" }, "You sign in with it. No other member sees it."),
      ...dataAndAccount(),
    ),
    section(
      "s-blocked",
      "Blocked members",
      h(
        "p",
        { class: "hint" },
        "You and they cannot see or reach each other; they are not told. Unblocking restores nothing the block removed.",
      ),
      blocked.element,
    ),
  );
}
