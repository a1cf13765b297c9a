// Taking one's data and leaving (R28), on the settings page: "Download your data" saves the
// export as a JSON file; "Delete account" asks for the password again, after a clear warning.
import { mutate, session, gql } from "../api.js";
import { h, field, showError, showStatus, withFieldErrors, when } from "../ui.js";

const EXPORT = gql`
  mutation Export {
    requestDataExport {
      export
      errors {
        code
        message
        retryAfter
      }
    }
  }
`;
const DELETE = gql`
  mutation Delete($input: DeleteAccountInput!) {
    deleteAccount(input: $input) {
      deleted
      errors {
        code
        message
        field
      }
    }
  }
`;

// The document becomes a file the browser saves (a blob: link, nothing leaves for elsewhere).
function save(json, handle) {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const link = h("a", { href: url, download: `vernetzt-export-${handle}.json`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function download() {
  const button = h("button", { type: "button" }, "Download your data");
  const note = h("p", { class: "hint" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const payload = await mutate(EXPORT, {}, "requestDataExport");
      save(payload.export, session.get().handle);
      showStatus("Your data was exported: the file vernetzt-export.json is in your downloads.");
    } catch (error) {
      showError(error.message);
      const limited = (error.errors || []).find((e) => e.code === "EXPORT_LIMIT" && e.retryAfter);
      note.replaceChildren(
        limited ? ["The next export can be made from ", when(limited.retryAfter), " on."] : "",
      );
    }
    button.disabled = false;
  });
  return [
    h(
      "p",
      {},
      "One JSON file with your profile, settings, connections, followers, follows, invitations, blocks, posts, conversations, notifications and companies (format vernetzt-export/1). One export per hour.",
    ),
    h("div", { class: "actions" }, button),
    note,
  ];
}

function deletion() {
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const confirm = h("button", { type: "submit", class: "danger" }, "Delete my account");
  const form = h(
    "form",
    {
      class: "stack",
      novalidate: true,
      "aria-label": "Delete account",
      onsubmit: async (event) => {
        event.preventDefault();
        confirm.disabled = true;
        try {
          await withFieldErrors({ password }, () =>
            mutate(DELETE, { input: { password: password.value } }, "deleteAccount"),
          )();
          session.clear();
          // After the shell's own hashchange listener has cleared the old page's notices.
          window.addEventListener("hashchange", () => showStatus("Your account was deleted."), {
            once: true,
          });
          location.hash = "#/signin";
        } catch (error) {
          if (error.message) showError(error.message);
          confirm.disabled = false;
        }
      },
    },
    h(
      "p",
      { class: "warning" },
      h("strong", {}, "This cannot be undone. "),
      "Your profile, connections, follows, invitations, posts, conversations (for the other member too) and notifications are deleted at once, and you are signed out everywhere. Download your data first if you want to keep it.",
    ),
    field("Your password", password, "Given again, to prove it is you."),
    h("div", {}, confirm),
  );
  return form;
}

export function dataAndAccount() {
  return [h("h3", {}, "Your data"), ...download(), h("h3", {}, "Delete account"), deletion()];
}
