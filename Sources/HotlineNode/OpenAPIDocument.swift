/// docs/openapi.json, served at GET /api/v1/openapi.json. A test checks that the two are the same.
enum OpenAPIDocument {
    static let json: [UInt8] = Array(text.utf8)
    static let text = ##"""
{
  "components": {
    "responses": {
      "BadRequest": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The request is malformed: a query parameter is missing or not what it should be."
      },
      "Forbidden": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The signing key may not see or do this: it holds no role on the line (compartments), or the route is the operator's."
      },
      "NotFound": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "There is no such line, entry, paired side or cosigned checkpoint."
      },
      "PayloadTooLarge": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The request body is larger than the limit (32 MiB: twice the largest sealed content)."
      },
      "Unauthorized": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The request is not signed by a key of this side: no or a malformed Signature-Input/Signature, a component not covered, a wrong Content-Digest, a stale, future or replayed signature, or an unknown key."
      },
      "Unprocessable": {
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "description": "The node refuses the entry, saying why; for a rule of the official workflows, with the rule's code."
      }
    },
    "schemas": {
      "AgendaItem": {
        "additionalProperties": false,
        "description": "One item of a meeting's agenda.",
        "properties": {
          "item": {
            "type": "string"
          },
          "track": {
            "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
            "type": "string"
          }
        },
        "required": [
          "item",
          "track"
        ],
        "type": "object"
      },
      "CheckpointCosignature": {
        "additionalProperties": false,
        "description": "The cosigner's timestamped cosignature on the sender's checkpoint of a size: as of that time it held the log up to that size (docs/PROTOCOL.md section 5.3).",
        "properties": {
          "cosignedAt": {
            "description": "The cosignature's time. RFC 3339 date-time in UTC with whole seconds, e.g. 2017-09-20T10:00:00Z.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "size": {
            "description": "The checkpoint's size.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "timestamp": {
            "description": "The same, seconds since 1970, as the cosignature carries it.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "cosignedAt",
          "size",
          "timestamp"
        ],
        "type": "object"
      },
      "CheckpointHistory": {
        "additionalProperties": false,
        "description": "The cosigned checkpoints of one log over time.",
        "properties": {
          "cosignatures": {
            "description": "Most recent first.",
            "items": {
              "$ref": "#/components/schemas/CheckpointCosignature"
            },
            "type": "array"
          },
          "cosigner": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          },
          "log": {
            "description": "The log's origin, hotline/<sender>/<recipient>.",
            "type": "string"
          },
          "sender": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          },
          "size": {
            "description": "Entries in the log now (for the other side's log: the entries this node holds).",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "cosignatures",
          "cosigner",
          "log",
          "sender",
          "size"
        ],
        "type": "object"
      },
      "ClearAlarms": {
        "additionalProperties": true,
        "description": "What the operator says when clearing the alarms about a peer's log.",
        "properties": {
          "note": {
            "description": "Why, for the record.",
            "type": "string"
          },
          "peer": {
            "description": "The paired side whose alarms are cleared.",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          }
        },
        "required": [
          "note",
          "peer"
        ],
        "type": "object"
      },
      "ClearedAlarms": {
        "additionalProperties": false,
        "properties": {
          "cleared": {
            "description": "How many alarms were cleared.",
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "cleared"
        ],
        "type": "object"
      },
      "DraftRequest": {
        "additionalProperties": false,
        "description": "An item for the node to seal, for a client that cannot seal itself (browsers have no X-Wing). The node replaces content.salt with 32 fresh random bytes.",
        "properties": {
          "content": {
            "$ref": "#/components/schemas/EntryContent"
          },
          "kind": {
            "description": "The entry kind's token.",
            "enum": [
              "message",
              "formal-note",
              "proposal",
              "reply",
              "meeting-request",
              "meeting-confirmation",
              "minutes",
              "acknowledgement",
              "translation",
              "role-grant",
              "role-handover",
              "key-revocation",
              "line-charter",
              "line-acceptance"
            ],
            "type": "string"
          },
          "line": {
            "maxLength": 64,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "precedence": {
            "enum": [
              "routine",
              "priority",
              "immediate",
              "flash"
            ],
            "type": "string"
          },
          "references": {
            "items": {
              "$ref": "#/components/schemas/EntryPointer"
            },
            "type": "array"
          },
          "role": {
            "description": "The role to sign as, when the key holds several on the line.",
            "type": "string"
          },
          "track": {
            "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
            "type": "string"
          }
        },
        "required": [
          "kind",
          "line",
          "content"
        ],
        "type": "object"
      },
      "DraftSignature": {
        "additionalProperties": false,
        "properties": {
          "signature": {
            "description": "The author's Ed25519 signature of signedMessage, canonical base64 of 64 bytes.",
            "type": "string"
          }
        },
        "required": [
          "signature"
        ],
        "type": "object"
      },
      "DraftView": {
        "additionalProperties": false,
        "description": "What the author signs, and what to check first: the header ends with the commitment (32 bytes), the content hash (32) and the content length (4); SHA-256(\"hotline/commitment/v1\\n\" || plaintext) must equal that commitment.",
        "properties": {
          "expiresAt": {
            "description": "Until when the node keeps the draft (10 minutes).",
            "type": "string"
          },
          "header": {
            "description": "The encoded entry header, base64.",
            "type": "string"
          },
          "id": {
            "type": "string"
          },
          "plaintext": {
            "description": "The plaintext the header commits to, base64.",
            "type": "string"
          },
          "recipient": {
            "type": "string"
          },
          "role": {
            "type": "string"
          },
          "signedAt": {
            "description": "RFC 3339 UTC.",
            "type": "string"
          },
          "signedMessage": {
            "description": "\"hotline/entry/v1\\n\" || header, base64: what the author's Ed25519 key signs.",
            "type": "string"
          }
        },
        "required": [
          "id",
          "header",
          "signedMessage",
          "plaintext",
          "role",
          "recipient",
          "signedAt",
          "expiresAt"
        ],
        "type": "object"
      },
      "EntryContent": {
        "additionalProperties": false,
        "description": "An entry's opened plaintext (docs/PROTOCOL.md section 8): always a salt, then the fields its kind uses; absent fields are left out.",
        "properties": {
          "attachments": {
            "items": {
              "$ref": "#/components/schemas/NoteAttachment"
            },
            "type": "array"
          },
          "charter": {
            "$ref": "#/components/schemas/LineCharterBody"
          },
          "confirmation": {
            "$ref": "#/components/schemas/MeetingConfirmationBody"
          },
          "grant": {
            "$ref": "#/components/schemas/RoleGrantBody"
          },
          "handover": {
            "$ref": "#/components/schemas/RoleHandoverBody"
          },
          "language": {
            "description": "BCP 47 language tag of the text, e.g. ru or en.",
            "type": "string"
          },
          "meeting": {
            "$ref": "#/components/schemas/MeetingRequestBody"
          },
          "paragraphs": {
            "description": "A formal note's numbered paragraphs.",
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "proposal": {
            "$ref": "#/components/schemas/ProposalBody"
          },
          "reply": {
            "$ref": "#/components/schemas/ReplyBody"
          },
          "revocation": {
            "$ref": "#/components/schemas/KeyRevocationBody"
          },
          "salt": {
            "description": "32 random bytes, standard base64. Empty when the plaintext could not be read as content (its raw text is then in text).",
            "type": "string"
          },
          "subject": {
            "type": "string"
          },
          "text": {
            "type": "string"
          }
        },
        "required": [
          "salt"
        ],
        "type": "object"
      },
      "EntryPointer": {
        "additionalProperties": false,
        "description": "An entry named by its place in a side's log and its leaf hash.",
        "properties": {
          "leafHash": {
            "description": "The entry's RFC 9162 leaf hash, lowercase hex; empty in RoleView.since, which names the granting entry by place only.",
            "pattern": "^([0-9a-f]{64})?$",
            "type": "string"
          },
          "sequence": {
            "description": "The entry's index in that log, from 0.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "side": {
            "description": "Whose log the entry is in (its sender).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          }
        },
        "required": [
          "leafHash",
          "sequence",
          "side"
        ],
        "type": "object"
      },
      "EntryReceipt": {
        "additionalProperties": false,
        "description": "Where a submitted entry landed.",
        "properties": {
          "leafHash": {
            "description": "The entry's leaf hash, lowercase hex.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "log": {
            "description": "The log the entry was appended to, hotline/<sender>/<recipient>.",
            "type": "string"
          },
          "received": {
            "description": "Whether the peer had cosigned the entry when the answer was sent.",
            "type": "boolean"
          },
          "sequence": {
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "leafHash",
          "log",
          "received",
          "sequence"
        ],
        "type": "object"
      },
      "EntrySubmissionJSON": {
        "additionalProperties": true,
        "description": "An entry submission in JSON: the three fields of SignedSubmission in canonical base64.",
        "properties": {
          "content": {
            "contentEncoding": "base64",
            "description": "The sealed content (docs/PROTOCOL.md section 7), canonical base64.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "header": {
            "contentEncoding": "base64",
            "description": "The encoded entry header (docs/PROTOCOL.md section 6), canonical base64.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "signature": {
            "contentEncoding": "base64",
            "description": "The author's Ed25519 signature over \"hotline/entry/v1\\n\" || header, canonical base64 of 64 bytes.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          }
        },
        "required": [
          "content",
          "header",
          "signature"
        ],
        "type": "object"
      },
      "EntryView": {
        "additionalProperties": false,
        "description": "One entry with its opened content and what the record says about it.",
        "properties": {
          "acknowledgeBy": {
            "description": "For an entry that needs an acknowledgement: its deadline.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "acknowledgements": {
            "items": {
              "$ref": "#/components/schemas/EntryPointer"
            },
            "type": "array"
          },
          "authorKeyID": {
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "authorName": {
            "description": "Who held the role when the entry was written (operator for the operator's entries).",
            "type": "string"
          },
          "authorRole": {
            "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          },
          "content": {
            "$ref": "#/components/schemas/EntryContent"
          },
          "kind": {
            "enum": [
              "message",
              "formal note",
              "proposal",
              "reply",
              "meeting request",
              "meeting confirmation",
              "minutes",
              "acknowledgement",
              "translation",
              "role grant",
              "role handover",
              "key revocation",
              "line charter",
              "line acceptance"
            ],
            "type": "string"
          },
          "line": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "pointer": {
            "$ref": "#/components/schemas/EntryPointer"
          },
          "precedence": {
            "enum": [
              "routine",
              "priority",
              "immediate",
              "flash"
            ],
            "type": "string"
          },
          "received": {
            "description": "The receiving side has cosigned a checkpoint that includes the entry: officially received.",
            "type": "boolean"
          },
          "receivedAt": {
            "description": "When the first such cosignature was made.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "references": {
            "items": {
              "$ref": "#/components/schemas/EntryPointer"
            },
            "type": "array"
          },
          "signedAt": {
            "description": "When the author signed.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "track": {
            "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
            "type": "string"
          },
          "translations": {
            "items": {
              "$ref": "#/components/schemas/EntryPointer"
            },
            "type": "array"
          }
        },
        "required": [
          "acknowledgements",
          "authorKeyID",
          "authorRole",
          "content",
          "kind",
          "line",
          "pointer",
          "precedence",
          "received",
          "references",
          "signedAt",
          "translations"
        ],
        "type": "object"
      },
      "Error": {
        "additionalProperties": false,
        "description": "Every JSON error answer of the client API.",
        "properties": {
          "code": {
            "description": "Only for an entry refused by the rules of the official workflows (422): the rule's stable code (docs/PROTOCOL.md, \"Official items\").",
            "enum": [
              "out-of-order",
              "unknown-side",
              "not-authorized",
              "role-not-held",
              "key-revoked",
              "key-expired",
              "line-not-open",
              "not-on-line",
              "unknown-track",
              "bad-reference",
              "missing-content",
              "invalid-content",
              "too-large",
              "conflict"
            ],
            "type": "string"
          },
          "error": {
            "description": "What went wrong, in English.",
            "type": "string"
          }
        },
        "required": [
          "error"
        ],
        "type": "object"
      },
      "EvidenceBundle": {
        "additionalProperties": false,
        "description": "An evidence bundle (docs/PROTOCOL.md section 9): proves offline that an entry was officially sent and received. hotline verify checks it.",
        "properties": {
          "authorKey": {
            "contentEncoding": "base64",
            "description": "The author's 32-byte Ed25519 public key.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "checkpoint": {
            "description": "The signed note: checkpoint text, the sender's two signatures, the recipient's two cosignatures.",
            "type": "string"
          },
          "entry": {
            "contentEncoding": "base64",
            "description": "The entry's canonical encoding (the log leaf).",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "format": {
            "const": "hotline-evidence/v1",
            "type": "string"
          },
          "inclusionProof": {
            "description": "RFC 9162 audit path for index in treeSize.",
            "items": {
              "contentEncoding": "base64",
              "description": "Standard base64 with padding, canonical (docs/PROTOCOL.md section 1).",
              "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
              "type": "string"
            },
            "maxItems": 64,
            "type": "array"
          },
          "index": {
            "description": "The entry's index in its log.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "plaintext": {
            "contentEncoding": "base64",
            "description": "The disclosed plaintext (with disclose=true).",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "recipientKeys": {
            "description": "The recipient's Ed25519 cosigner and ML-DSA-65 verifier keys.",
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "senderKeys": {
            "description": "The sender's Ed25519 and ML-DSA-65 verifier keys.",
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "treeSize": {
            "description": "Size of the checkpointed tree.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "authorKey",
          "checkpoint",
          "entry",
          "format",
          "inclusionProof",
          "index",
          "recipientKeys",
          "senderKeys",
          "treeSize"
        ],
        "type": "object"
      },
      "KeyRevocationBody": {
        "additionalProperties": false,
        "description": "A key that no longer signs for this side, from this entry on.",
        "properties": {
          "keyID": {
            "description": "The revoked key's ID, lowercase hex.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "reason": {
            "type": "string"
          }
        },
        "required": [
          "keyID",
          "reason"
        ],
        "type": "object"
      },
      "LineCharterBody": {
        "additionalProperties": false,
        "description": "A line's charter.",
        "properties": {
          "format": {
            "description": "n+m: the number of roles of the proposing side, then of the other side.",
            "type": "string"
          },
          "roles": {
            "additionalProperties": {
              "items": {
                "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
                "maxLength": 128,
                "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
                "type": "string"
              },
              "type": "array"
            },
            "description": "The roles of each side on the line, keyed by side.",
            "type": "object"
          },
          "title": {
            "type": "string"
          },
          "tracks": {
            "items": {
              "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
              "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
              "type": "string"
            },
            "type": "array"
          }
        },
        "required": [
          "format",
          "roles",
          "title",
          "tracks"
        ],
        "type": "object"
      },
      "LineView": {
        "additionalProperties": false,
        "properties": {
          "acceptance": {
            "$ref": "#/components/schemas/EntryPointer",
            "description": "The other side's acceptance; absent until accepted."
          },
          "charter": {
            "$ref": "#/components/schemas/EntryPointer",
            "description": "The line charter entry; absent for the operators' line."
          },
          "format": {
            "description": "n+m: the number of roles of the proposing side, then of the other side.",
            "examples": [
              "2+2"
            ],
            "type": "string"
          },
          "id": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "isOpen": {
            "type": "boolean"
          },
          "roles": {
            "additionalProperties": {
              "items": {
                "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
                "maxLength": 128,
                "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
                "type": "string"
              },
              "type": "array"
            },
            "description": "Each side's roles on the line, keyed by side.",
            "type": "object"
          },
          "title": {
            "type": "string"
          },
          "tracks": {
            "items": {
              "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
              "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
              "type": "string"
            },
            "type": "array"
          }
        },
        "required": [
          "format",
          "id",
          "isOpen",
          "roles",
          "title",
          "tracks"
        ],
        "type": "object"
      },
      "LinkHistory": {
        "additionalProperties": false,
        "description": "The rounds of the link to one paired side since the node started (in memory, the latest 2,000).",
        "properties": {
          "peer": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          },
          "samples": {
            "description": "Oldest first.",
            "items": {
              "$ref": "#/components/schemas/LinkSample"
            },
            "type": "array"
          }
        },
        "required": [
          "peer",
          "samples"
        ],
        "type": "object"
      },
      "LinkSample": {
        "additionalProperties": false,
        "description": "One round of the link.",
        "properties": {
          "at": {
            "description": "When the round ended. RFC 3339 date-time in UTC with whole seconds, e.g. 2017-09-20T10:00:00Z.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "atMs": {
            "description": "The same, milliseconds since 1970.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "error": {
            "description": "Why the round failed, on one line, at most 200 characters; only for a failure.",
            "type": "string"
          },
          "kind": {
            "description": "delivery: the round pushed entries and got a receipt for them; heartbeat: it only asked for a fresh receipt; failure: it failed.",
            "enum": [
              "delivery",
              "heartbeat",
              "failure"
            ],
            "type": "string"
          },
          "latencyMs": {
            "description": "From the round's first push (or its receipt request) to the receipt stored, in milliseconds; absent for a failure.",
            "minimum": 0,
            "type": "number"
          },
          "size": {
            "description": "The size of our log the receipt covers; absent for a failure.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "at",
          "atMs",
          "kind"
        ],
        "type": "object"
      },
      "MeetingConfirmationBody": {
        "additionalProperties": false,
        "description": "The other side's confirmation of a meeting request.",
        "properties": {
          "option": {
            "description": "The chosen option, counted from 1.",
            "type": "integer"
          }
        },
        "required": [
          "option"
        ],
        "type": "object"
      },
      "MeetingOption": {
        "additionalProperties": false,
        "description": "One option of a meeting request.",
        "properties": {
          "place": {
            "type": "string"
          },
          "start": {
            "description": "RFC 3339 date-time in UTC with whole seconds, e.g. 2017-09-20T10:00:00Z.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          }
        },
        "required": [
          "place",
          "start"
        ],
        "type": "object"
      },
      "MeetingRequestBody": {
        "additionalProperties": false,
        "description": "A meeting request: the format, the options to choose from and the agenda by track.",
        "properties": {
          "agenda": {
            "items": {
              "$ref": "#/components/schemas/AgendaItem"
            },
            "type": "array"
          },
          "format": {
            "description": "n+m: how many officials of the requesting side and of the other side.",
            "examples": [
              "2+2"
            ],
            "type": "string"
          },
          "options": {
            "items": {
              "$ref": "#/components/schemas/MeetingOption"
            },
            "type": "array"
          }
        },
        "required": [
          "agenda",
          "format",
          "options"
        ],
        "type": "object"
      },
      "MeetingView": {
        "additionalProperties": false,
        "description": "A meeting request and what became of it.",
        "properties": {
          "agenda": {
            "items": {
              "$ref": "#/components/schemas/AgendaItem"
            },
            "type": "array"
          },
          "chosenOption": {
            "description": "The confirmed option, counted from 1.",
            "type": "integer"
          },
          "confirmation": {
            "$ref": "#/components/schemas/EntryPointer"
          },
          "format": {
            "type": "string"
          },
          "line": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "minutes": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "countersignature": {
                  "$ref": "#/components/schemas/EntryPointer"
                },
                "isFinal": {
                  "description": "Final once the other side has countersigned.",
                  "type": "boolean"
                },
                "pointer": {
                  "$ref": "#/components/schemas/EntryPointer"
                }
              },
              "required": [
                "isFinal",
                "pointer"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "options": {
            "items": {
              "$ref": "#/components/schemas/MeetingOption"
            },
            "type": "array"
          },
          "request": {
            "$ref": "#/components/schemas/EntryPointer"
          }
        },
        "required": [
          "agenda",
          "format",
          "line",
          "minutes",
          "options",
          "request"
        ],
        "type": "object"
      },
      "NodeStatus": {
        "additionalProperties": false,
        "description": "What hotline status shows: for each paired side, both directions of the link.",
        "properties": {
          "fingerprint": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "openAlarms": {
            "minimum": 0,
            "type": "integer"
          },
          "peers": {
            "items": {
              "$ref": "#/components/schemas/StatusPeer"
            },
            "type": "array"
          },
          "side": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          },
          "time": {
            "format": "date-time",
            "type": "string"
          }
        },
        "required": [
          "fingerprint",
          "name",
          "openAlarms",
          "peers",
          "side",
          "time"
        ],
        "type": "object"
      },
      "NoteAttachment": {
        "additionalProperties": false,
        "description": "A file attached to a formal note.",
        "properties": {
          "data": {
            "contentEncoding": "base64",
            "description": "The file's bytes, standard base64.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "mediaType": {
            "description": "A media type such as application/pdf.",
            "type": "string"
          },
          "name": {
            "type": "string"
          }
        },
        "required": [
          "data",
          "mediaType",
          "name"
        ],
        "type": "object"
      },
      "PendingView": {
        "additionalProperties": false,
        "description": "An entry of the other side awaiting this side's acknowledgement.",
        "properties": {
          "deadline": {
            "description": "RFC 3339 date-time in UTC with whole seconds, e.g. 2017-09-20T10:00:00Z.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "escalateTo": {
            "items": {
              "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
              "maxLength": 128,
              "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
              "type": "string"
            },
            "type": "array"
          },
          "isOverdue": {
            "type": "boolean"
          },
          "kind": {
            "enum": [
              "message",
              "formal note",
              "proposal",
              "reply",
              "meeting request",
              "meeting confirmation",
              "minutes",
              "acknowledgement",
              "translation",
              "role grant",
              "role handover",
              "key revocation",
              "line charter",
              "line acceptance"
            ],
            "type": "string"
          },
          "line": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "pointer": {
            "$ref": "#/components/schemas/EntryPointer"
          },
          "precedence": {
            "enum": [
              "routine",
              "priority",
              "immediate",
              "flash"
            ],
            "type": "string"
          }
        },
        "required": [
          "deadline",
          "escalateTo",
          "isOverdue",
          "kind",
          "line",
          "pointer",
          "precedence"
        ],
        "type": "object"
      },
      "ProposalBody": {
        "additionalProperties": false,
        "description": "A proposal: stages, each a list of numbered steps (stage.step, from 1).",
        "properties": {
          "stages": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "steps": {
                  "items": {
                    "additionalProperties": false,
                    "properties": {
                      "text": {
                        "type": "string"
                      },
                      "track": {
                        "description": "The track the step belongs to; the entry's track when absent.",
                        "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
                        "type": "string"
                      }
                    },
                    "required": [
                      "text"
                    ],
                    "type": "object"
                  },
                  "type": "array"
                },
                "title": {
                  "type": "string"
                }
              },
              "required": [
                "steps",
                "title"
              ],
              "type": "object"
            },
            "type": "array"
          }
        },
        "required": [
          "stages"
        ],
        "type": "object"
      },
      "ProposalView": {
        "additionalProperties": false,
        "description": "A proposal and the state of each of its steps.",
        "properties": {
          "line": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "pointer": {
            "$ref": "#/components/schemas/EntryPointer"
          },
          "stages": {
            "items": {
              "additionalProperties": false,
              "properties": {
                "steps": {
                  "items": {
                    "additionalProperties": false,
                    "properties": {
                      "counterText": {
                        "type": "string"
                      },
                      "number": {
                        "description": "stage.step, e.g. 2.1.",
                        "pattern": "^[0-9]+\\.[0-9]+$",
                        "type": "string"
                      },
                      "reply": {
                        "$ref": "#/components/schemas/EntryPointer"
                      },
                      "state": {
                        "enum": [
                          "awaiting reply",
                          "accepted",
                          "countered",
                          "declined"
                        ],
                        "type": "string"
                      },
                      "text": {
                        "type": "string"
                      },
                      "track": {
                        "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
                        "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
                        "type": "string"
                      }
                    },
                    "required": [
                      "number",
                      "state",
                      "text"
                    ],
                    "type": "object"
                  },
                  "type": "array"
                },
                "title": {
                  "type": "string"
                }
              },
              "required": [
                "steps",
                "title"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "state": {
            "enum": [
              "awaiting replies",
              "in negotiation",
              "accepted",
              "declined"
            ],
            "type": "string"
          },
          "subject": {
            "type": "string"
          },
          "track": {
            "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
            "type": "string"
          }
        },
        "required": [
          "line",
          "pointer",
          "stages",
          "state"
        ],
        "type": "object"
      },
      "ReadView": {
        "additionalProperties": false,
        "description": "One read in the audit of reads.",
        "properties": {
          "entries": {
            "description": "The entries read, space-separated side#sequence.",
            "type": "string"
          },
          "keyID": {
            "description": "The key that read.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "line": {
            "type": "string"
          },
          "readAt": {
            "description": "RFC 3339 date-time in UTC with whole seconds, e.g. 2017-09-20T10:00:00Z.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "roles": {
            "description": "The reader's roles on the line, comma-separated (side/operator for the operator).",
            "type": "string"
          }
        },
        "required": [
          "entries",
          "keyID",
          "line",
          "readAt",
          "roles"
        ],
        "type": "object"
      },
      "RecordAnswer": {
        "additionalProperties": false,
        "description": "A record answer: a question about what a side officially sent, with its proof (hotline verify checks it).",
        "properties": {
          "checkpoint": {
            "description": "The cosigned checkpoint (signed note) the answer is as of.",
            "type": "string"
          },
          "disclosed": {
            "additionalProperties": {
              "contentEncoding": "base64",
              "description": "Standard base64 with padding, canonical (docs/PROTOCOL.md section 1).",
              "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
              "type": "string"
            },
            "description": "The plaintexts the question needs, keyed by entry number.",
            "propertyNames": {
              "pattern": "^[0-9]+$"
            },
            "type": "object"
          },
          "entries": {
            "description": "Every entry of the log below the checkpoint's size, canonical encodings.",
            "items": {
              "contentEncoding": "base64",
              "description": "Standard base64 with padding, canonical (docs/PROTOCOL.md section 1).",
              "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
              "type": "string"
            },
            "type": "array"
          },
          "format": {
            "const": "hotline-answer/v1",
            "type": "string"
          },
          "matches": {
            "description": "The entry numbers that answer the question.",
            "items": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            },
            "type": "array"
          },
          "question": {
            "$ref": "#/components/schemas/RecordQuestion"
          },
          "recipientKeys": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "senderKeys": {
            "items": {
              "type": "string"
            },
            "type": "array"
          }
        },
        "required": [
          "checkpoint",
          "disclosed",
          "entries",
          "format",
          "matches",
          "question",
          "recipientKeys",
          "senderKeys"
        ],
        "type": "object"
      },
      "RecordQuestion": {
        "additionalProperties": false,
        "description": "The question a record answer answers (signedFrom inclusive, signedUntil exclusive).",
        "properties": {
          "kind": {
            "enum": [
              "message",
              "formal-note",
              "proposal",
              "reply",
              "meeting-request",
              "meeting-confirmation",
              "minutes",
              "acknowledgement",
              "translation",
              "role-grant",
              "role-handover",
              "key-revocation",
              "line-charter",
              "line-acceptance"
            ],
            "type": "string"
          },
          "line": {
            "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
            "type": "string"
          },
          "sender": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          },
          "signedFrom": {
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "signedUntil": {
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "stages": {
            "maximum": 1000,
            "minimum": 1,
            "type": "integer"
          },
          "subject": {
            "maxLength": 200,
            "minLength": 1,
            "type": "string"
          },
          "track": {
            "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
            "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
            "type": "string"
          }
        },
        "required": [
          "sender"
        ],
        "type": "object"
      },
      "ReplyBody": {
        "additionalProperties": false,
        "description": "The answer to one step of the other side's proposal.",
        "properties": {
          "answer": {
            "enum": [
              "accept",
              "counter",
              "decline"
            ],
            "type": "string"
          },
          "counterText": {
            "description": "For counter: the wording this side would accept instead.",
            "type": "string"
          },
          "step": {
            "$ref": "#/components/schemas/StepNumber"
          }
        },
        "required": [
          "answer",
          "step"
        ],
        "type": "object"
      },
      "RoleGrantBody": {
        "additionalProperties": false,
        "description": "A role given to an official's key.",
        "properties": {
          "deputy": {
            "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          },
          "expires": {
            "description": "When the key stops signing for the role: entries it signs at or after this time are refused (a new grant or a handover is needed then).",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "holder": {
            "description": "The holder's name as the other side should read it.",
            "type": "string"
          },
          "key": {
            "contentEncoding": "base64",
            "description": "The holder's Ed25519 public key, standard base64 of 32 bytes.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "role": {
            "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          }
        },
        "required": [
          "holder",
          "key",
          "role"
        ],
        "type": "object"
      },
      "RoleHandoverBody": {
        "additionalProperties": false,
        "description": "A role passed from its holder to a new one.",
        "properties": {
          "expires": {
            "description": "As in a grant: when the new holder's key stops signing for the role.",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "type": "string"
          },
          "holder": {
            "type": "string"
          },
          "key": {
            "contentEncoding": "base64",
            "description": "The new holder's Ed25519 public key, standard base64 of 32 bytes.",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            "type": "string"
          },
          "role": {
            "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          }
        },
        "required": [
          "holder",
          "key",
          "role"
        ],
        "type": "object"
      },
      "RoleView": {
        "additionalProperties": false,
        "description": "A role and who holds it.",
        "properties": {
          "deputy": {
            "description": "Who an unacknowledged entry escalates to; absent when none.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          },
          "holder": {
            "description": "The holder's name as the record gives it.",
            "type": "string"
          },
          "keyID": {
            "description": "The holder's key ID: SHA-256(0x01 || Ed25519 public key), lowercase hex.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "role": {
            "description": "A role: at least two /-separated segments of a-z 0-9 -; the first segment is the role's side.",
            "maxLength": 128,
            "pattern": "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$",
            "type": "string"
          },
          "since": {
            "$ref": "#/components/schemas/EntryPointer",
            "description": "The grant or handover that gave the role."
          }
        },
        "required": [
          "holder",
          "keyID",
          "role",
          "since"
        ],
        "type": "object"
      },
      "SidesView": {
        "additionalProperties": false,
        "description": "The public keys both sides use, so that a client can seal and address entries.",
        "properties": {
          "identities": {
            "additionalProperties": {
              "type": "string"
            },
            "description": "The identity file (hotline-identity/v1 JSON, as text) of this side and of each paired side, keyed by side.",
            "type": "object"
          },
          "side": {
            "description": "This node's side.",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          }
        },
        "required": [
          "identities",
          "side"
        ],
        "type": "object"
      },
      "StatusDirection": {
        "additionalProperties": false,
        "description": "One direction of the link to a paired side.",
        "properties": {
          "cosignedSize": {
            "description": "The largest size cosigned (receipts we hold, or gave).",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "lag": {
            "description": "Entries not yet covered by a receipt.",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          },
          "lastCosignedAt": {
            "description": "When the last cosignature was made (ISO 8601); absent before the first.",
            "format": "date-time",
            "type": "string"
          },
          "lastCosignedSecondsAgo": {
            "minimum": 0,
            "type": "number"
          },
          "log": {
            "description": "The log's origin, hotline/<sender>/<recipient>.",
            "type": "string"
          },
          "size": {
            "description": "Entries in the log (for what we receive: entries we hold).",
            "maximum": 18446744073709551615,
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "cosignedSize",
          "lag",
          "log",
          "size"
        ],
        "type": "object"
      },
      "StatusPeer": {
        "additionalProperties": false,
        "description": "The link to one paired side.",
        "properties": {
          "address": {
            "description": "The peer endpoint address the link uses.",
            "type": "string"
          },
          "fingerprint": {
            "description": "The side's fingerprint (docs/PROTOCOL.md section 4.3).",
            "type": "string"
          },
          "heartbeatSeconds": {
            "description": "How often a fresh receipt is asked for when there is nothing to send.",
            "type": "number"
          },
          "lastError": {
            "type": "string"
          },
          "lastExchangeSecondsAgo": {
            "description": "When this node last got a receipt from the peer in this run; absent before the first.",
            "minimum": 0,
            "type": "number"
          },
          "linkFailures": {
            "minimum": 0,
            "type": "integer"
          },
          "name": {
            "type": "string"
          },
          "openAlarms": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "received": {
            "$ref": "#/components/schemas/StatusDirection"
          },
          "sent": {
            "$ref": "#/components/schemas/StatusDirection"
          },
          "side": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          }
        },
        "required": [
          "address",
          "fingerprint",
          "heartbeatSeconds",
          "linkFailures",
          "name",
          "openAlarms",
          "received",
          "sent",
          "side"
        ],
        "type": "object"
      },
      "StepNumber": {
        "additionalProperties": false,
        "description": "A step of a proposal.",
        "properties": {
          "stage": {
            "description": "Counted from 1.",
            "type": "integer"
          },
          "step": {
            "description": "Counted from 1.",
            "type": "integer"
          }
        },
        "required": [
          "stage",
          "step"
        ],
        "type": "object"
      },
      "WhoAmI": {
        "additionalProperties": false,
        "description": "The official (or operator) a request was signed by, as this node sees them.",
        "properties": {
          "isOperator": {
            "type": "boolean"
          },
          "keyID": {
            "description": "The key ID the request was signed with.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "lines": {
            "description": "The lines the key may read, sorted.",
            "items": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            },
            "type": "array"
          },
          "roles": {
            "description": "The roles of this side the key holds now.",
            "items": {
              "$ref": "#/components/schemas/RoleView"
            },
            "type": "array"
          },
          "side": {
            "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
            "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
            "type": "string"
          }
        },
        "required": [
          "isOperator",
          "keyID",
          "lines",
          "roles",
          "side"
        ],
        "type": "object"
      },
      "ConsoleKey": {
        "additionalProperties": false,
        "description": "An operator's browser key, allowed to use the web console as this node's operator. It holds no role and authors no entry.",
        "properties": {
          "addedAt": {
            "description": "When the operator added it (RFC 3339, UTC).",
            "type": "string"
          },
          "keyID": {
            "description": "SHA-256(0x01 || public key), 64 hex digits.",
            "pattern": "^[0-9a-f]{64}$",
            "type": "string"
          },
          "name": {
            "description": "Who uses it.",
            "type": "string"
          },
          "publicKey": {
            "description": "The Ed25519 public key, standard base64.",
            "type": "string"
          }
        },
        "required": [
          "addedAt",
          "keyID",
          "name",
          "publicKey"
        ],
        "type": "object"
      },
      "ConsoleKeyRequest": {
        "additionalProperties": false,
        "description": "A browser key to let act as the operator in the console.",
        "properties": {
          "name": {
            "description": "Who uses it: 1 to 100 characters, no control characters.",
            "maxLength": 100,
            "minLength": 1,
            "type": "string"
          },
          "publicKey": {
            "description": "The browser key's Ed25519 public key (32 bytes), canonical standard base64, as the console's sign-in page shows it.",
            "type": "string"
          }
        },
        "required": [
          "name",
          "publicKey"
        ],
        "type": "object"
      }
    },
    "securitySchemes": {
      "hotlineSignature": {
        "description": "Every request but GET /api/v1/openapi.json, /health/live, /health/ready and /metrics must carry an HTTP Message Signature (RFC 9421) made with the Ed25519 key of the operator or of an official who holds a role of this node's side now (an expired, handed-over or revoked key signs no requests); the node serves the request as that key (compartments by the roles' lines). What is really required, beyond the `Signature` header this scheme names:\n\n- `Content-Digest: sha-256=:BASE64(SHA-256(body)):` (RFC 9530), always, also for an empty body.\n- `Signature-Input: hotline=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"content-type\");created=UNIX;keyid=\"KEYID\";alg=\"ed25519\";nonce=\"NONCE\";tag=\"hotline\"` with `\"@query\"` only when the request target has a query and `\"content-type\"` only when the request has a Content-Type header (both are then required), in that order.\n- `Signature: hotline=:BASE64(Ed25519 signature over the RFC 9421 signature base):`.\n\nComponents: `@method` the method; `@authority` the Host as sent (host:port, lowercased); `@path` the path as sent (percent-encoded); `@query` `?` followed by the raw query string. Parameters: `created` now in seconds (accepted from 300 s old to 60 s ahead, and not before the node started); `keyid` lowercase hex of SHA-256(0x01 || the 32-byte Ed25519 public key); `nonce` a fresh random value (the client uses 16 random bytes in hex), never reused (replays are refused); `tag` exactly `hotline`. The signature base is each covered component as `\"name\": value` on its own line, then `\"@signature-params\": ` followed by the Signature-Input member value, without a final newline. Sources/HTTPMessageSignatures and NodeClient.signatureHeaders implement it; tools/api-fuzz/hotline_signing.py does the same in Python. A missing, malformed, stale, replayed or wrong signature is answered 401.",
        "in": "header",
        "name": "Signature",
        "type": "apiKey"
      }
    }
  },
  "info": {
    "description": "The client API of a Hotline node (docs/PROTOCOL.md section 12): submit signed entries, read the record by line (compartments by role), get evidence bundles and record answers, and operate the node. It listens on loopback by default (apiListen, 127.0.0.1:7401). Every route except this document, the health checks and the metrics needs a request signed with RFC 9421 (see the hotlineSignature security scheme). Errors are JSON {\"error\": TEXT} (with \"code\" for an entry refused by a rule of the official workflows). A route that is not listed answers 404 with an empty body.",
    "summary": "The API officials' tools and operators use beside a Hotline node.",
    "title": "Hotline node client API",
    "version": "1"
  },
  "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
  "openapi": "3.1.0",
  "paths": {
    "/api/v1/alarms/clear": {
      "post": {
        "description": "Clears the alarms about a paired side's log after the operator has looked at the evidence; deliveries from that side resume. Operator only.",
        "operationId": "clearAlarms",
        "requestBody": {
          "content": {
            "application/json": {
              "example": {
                "note": "Compared the evidence with Washington's operator: their node was restored from a backup.",
                "peer": "us"
              },
              "schema": {
                "$ref": "#/components/schemas/ClearAlarms"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClearedAlarms"
                }
              }
            },
            "description": "How many alarms were cleared."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The body is not {\"peer\": SIDE, \"note\": TEXT}."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Only the operator clears alarms."
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No such paired side."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Clear alarms",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/answer": {
      "get": {
        "description": "Answers a question about what a side officially sent, with its proof, as of the latest cosignature at or before asOf: every entry below the cosigned size and the plaintexts the question needs, so that a negative answer is as provable as a positive one. An official's question must name one of their lines; only the operator asks about a whole log. The answer is the answer file itself.",
        "operationId": "getAnswer",
        "parameters": [
          {
            "description": "Whose log: the side that sent.",
            "example": "us",
            "in": "query",
            "name": "sender",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "Only entries of this kind.",
            "example": "proposal",
            "in": "query",
            "name": "kind",
            "required": false,
            "schema": {
              "enum": [
                "message",
                "formal-note",
                "proposal",
                "reply",
                "meeting-request",
                "meeting-confirmation",
                "minutes",
                "acknowledgement",
                "translation",
                "role-grant",
                "role-handover",
                "key-revocation",
                "line-charter",
                "line-acceptance"
              ],
              "type": "string"
            }
          },
          {
            "description": "Only entries on this line (required for officials).",
            "example": "ru-us/mfa",
            "in": "query",
            "name": "line",
            "required": false,
            "schema": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            }
          },
          {
            "description": "Only entries on this track.",
            "in": "query",
            "name": "track",
            "required": false,
            "schema": {
              "description": "A track: 1-64 characters of a-z 0-9 - ., first a letter or digit.",
              "pattern": "^[a-z0-9][a-z0-9.-]{0,63}$",
              "type": "string"
            }
          },
          {
            "description": "Only proposals with this many stages.",
            "example": 3,
            "in": "query",
            "name": "stages",
            "required": false,
            "schema": {
              "maximum": 1000,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "description": "Only entries whose plaintext's subject contains this text, ignoring case (1 to 200 characters); their plaintexts are disclosed.",
            "example": "normalization",
            "in": "query",
            "name": "subject",
            "required": false,
            "schema": {
              "maxLength": 200,
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "description": "Only entries signed at or after this time (milliseconds since 1970).",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "description": "Only entries signed before this time (milliseconds since 1970; exclusive).",
            "in": "query",
            "name": "until",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "description": "As of the latest cosignature at or before this time (seconds since 1970); now when absent.",
            "in": "query",
            "name": "asOf",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecordAnswer"
                }
              }
            },
            "description": "The answer file."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Record answer",
        "tags": [
          "proofs"
        ]
      }
    },
    "/api/v1/bundle": {
      "get": {
        "description": "The evidence bundle of one entry on a line the signer reads, against the latest cosigned checkpoint that covers it (docs/PROTOCOL.md section 9); 404 until the entry is cosigned. The answer is the bundle file itself (pretty-printed JSON).",
        "operationId": "getBundle",
        "parameters": [
          {
            "description": "Whose log the entry is in.",
            "examples": {
              "moscow": {
                "value": "ru"
              },
              "washington": {
                "value": "us"
              }
            },
            "in": "query",
            "name": "side",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "The entry's index in that log; without it the answer is 404.",
            "examples": {
              "first": {
                "value": 0
              },
              "twelfth": {
                "value": 12
              }
            },
            "in": "query",
            "name": "sequence",
            "required": true,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "description": "true: include the entry's plaintext.",
            "example": true,
            "in": "query",
            "name": "disclose",
            "required": false,
            "schema": {
              "type": "boolean"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceBundle"
                }
              }
            },
            "description": "The bundle."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Evidence bundle",
        "tags": [
          "proofs"
        ]
      }
    },
    "/api/v1/checkpoints": {
      "get": {
        "description": "The cosignatures of one direction of the link, most recent first (by time, then size), from the store: log = this side for our log to the peer (the receipts the peer gave us), log = a paired side for its log to us (the receipts we gave). Each is a cosigned checkpoint of that size at that time; heartbeats repeat a size with a later time. A full page also holds the other cosignatures of its last second, so it may be a few longer than limit; the next page is before = the last timestamp. Any signed key of this side may read it.",
        "operationId": "getCheckpoints",
        "parameters": [
          {
            "description": "Whose log: this side (our log to the peer) or a paired side (its log to us); another side is 404.",
            "examples": {
              "moscow": {
                "value": "ru"
              },
              "washington": {
                "value": "us"
              }
            },
            "in": "query",
            "name": "log",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "Only when this node has several paired sides and log is this side: which link. Otherwise it may be omitted; with log a paired side it can only name that side (400 otherwise).",
            "example": "us",
            "in": "query",
            "name": "peer",
            "required": false,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "How many (default 100; at most 1,000 are returned, plus the rest of the last second).",
            "example": 100,
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "description": "Only cosignatures made before this time (seconds since 1970, exclusive): the last timestamp of the previous page.",
            "example": 1700000000,
            "in": "query",
            "name": "before",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CheckpointHistory"
                }
              }
            },
            "description": "The cosignatures."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Cosigned checkpoints over time",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/drafts": {
      "post": {
        "description": "Has the node seal an item and build its header, for an author who cannot seal (the web console). The author checks the returned header's commitment against the plaintext, signs signedMessage with their own key, and posts the signature to /api/v1/drafts/{id}. The node judges the item by the rules first, so nothing that would be refused is offered for signing. Drafts are kept 10 minutes.",
        "operationId": "createDraft",
        "requestBody": {
          "content": {
            "application/json": {
              "example": {
                "content": {
                  "language": "en",
                  "salt": "",
                  "text": "Test"
                },
                "kind": "message",
                "line": "operators",
                "precedence": "flash"
              },
              "schema": {
                "$ref": "#/components/schemas/DraftRequest"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DraftView"
                }
              }
            },
            "description": "The draft to check and sign."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The body is not a draft, or a field is malformed."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The key holds no role on the line, or several and none was named."
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "There is no such line."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          }
        },
        "summary": "Draft an entry for the node to seal",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/drafts/{id}": {
      "post": {
        "description": "Submits a draft with its author's signature: the same checks and answers as POST /api/v1/entries. Only the key that made the draft can submit it; a draft is used once.",
        "operationId": "submitDraft",
        "parameters": [
          {
            "description": "The draft's id.",
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "description": "Seconds (fractions allowed; more than 300 waits 300) to wait for the peer's cosignature before answering.",
            "example": 0,
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "maximum": 300,
              "minimum": 0,
              "type": "number"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DraftSignature"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntryReceipt"
                }
              }
            },
            "description": "Where the entry landed, and whether the peer had cosigned it."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The body is not {\"signature\": BASE64}, or the wait is not a number of seconds."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The draft is another key's to sign."
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No such draft (or it expired, or it was already submitted)."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          }
        },
        "summary": "Sign and submit a draft",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/entries": {
      "get": {
        "description": "The entries of a line, both directions, oldest first (at most 500), with their opened content. Only officials whose roles are on the line read it (the operator reads only the operators' line). Each read is recorded in the audit of reads.",
        "operationId": "getEntries",
        "parameters": [
          {
            "description": "The line.",
            "examples": {
              "foreignMinisters": {
                "value": "ru-us/mfa"
              },
              "operators": {
                "value": "operators"
              },
              "twoPlusTwo": {
                "value": "ru-us/2plus2"
              }
            },
            "in": "query",
            "name": "line",
            "required": true,
            "schema": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            }
          },
          {
            "description": "Skip entries signed before this time (milliseconds since 1970); 0 when absent.",
            "example": 0,
            "in": "query",
            "name": "since",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/EntryView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The entries."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "A line's entries",
        "tags": [
          "record"
        ]
      },
      "post": {
        "description": "Submits an entry an author of this side signed (docs/PROTOCOL.md section 12). The request must be signed by the entry's author key. The node checks the header, that it sends for this side to a paired side, the author, the signature, the content's hash and that it is sealed for both sides' content keys, every reference and the rules of the official workflows; then appends it. Submitting the same signed entry again returns where it already is. With wait, the answer comes once the peer has cosigned the entry, or when the wait ends.",
        "operationId": "submitEntry",
        "parameters": [
          {
            "description": "Seconds (fractions allowed; more than 300 waits 300) to wait for the peer's cosignature before answering.",
            "example": 0,
            "in": "query",
            "name": "wait",
            "required": false,
            "schema": {
              "maximum": 300,
              "minimum": 0,
              "type": "number"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EntrySubmissionJSON"
              }
            },
            "application/x.hotline.entry": {
              "schema": {
                "contentMediaType": "application/x.hotline.entry",
                "description": "uint8 version = 1; opaque header<1..2^16-1>; opaque signature<64..64> (1-byte length); opaque content<0..2^32-1>, at most the largest sealed content.",
                "format": "binary",
                "type": "string"
              }
            }
          },
          "description": "The SignedSubmission, in binary (application/x.hotline.entry) or in JSON with its three fields in canonical base64. Any other content type is read as JSON.",
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntryReceipt"
                }
              }
            },
            "description": "Where the entry landed, and whether the peer had cosigned it."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The body is not an entry submission."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The request is not signed by the entry's author key."
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "The entry is for a side this node is not paired with."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          }
        },
        "summary": "Submit a signed entry",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/entries/{side}/{sequence}": {
      "get": {
        "description": "One entry, if the signer may read its line; the read is recorded.",
        "operationId": "getEntry",
        "parameters": [
          {
            "description": "Whose log.",
            "examples": {
              "moscow": {
                "value": "ru"
              },
              "washington": {
                "value": "us"
              }
            },
            "in": "path",
            "name": "side",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "The entry's index in that log (a non-number is answered 404).",
            "examples": {
              "first": {
                "value": 0
              },
              "twelfth": {
                "value": 12
              }
            },
            "in": "path",
            "name": "sequence",
            "required": true,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntryView"
                }
              }
            },
            "description": "The entry."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "One entry",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/events": {
      "get": {
        "description": "Server-sent events (text/event-stream) for a line the signer reads: first a comment, then `event: entry` with `id: SIDE#N` and the entry's EntryView (JSON, one line) as `data` for each entry on the line signed at or after since, as it is stored; a comment (`: still here`) every 15 s; the stream ends after 10 minutes or when the node stops, and the client reconnects with since. Errors come before the stream starts, as JSON.",
        "operationId": "followLine",
        "parameters": [
          {
            "description": "The line.",
            "examples": {
              "foreignMinisters": {
                "value": "ru-us/mfa"
              },
              "operators": {
                "value": "operators"
              },
              "twoPlusTwo": {
                "value": "ru-us/2plus2"
              }
            },
            "in": "query",
            "name": "line",
            "required": true,
            "schema": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            }
          },
          {
            "description": "Entries signed at or after this time (milliseconds since 1970); now when absent.",
            "example": 0,
            "in": "query",
            "name": "since",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "text/event-stream": {
                "schema": {
                  "description": "One event of the stream (as OpenAPI 3.2 describes server-sent events, the schema is that of each event): lines `id: SIDE#N`, `event: entry` and `data: ` followed by the entry's EntryView in JSON, then a blank line. Comments (lines starting with a colon) are not events.",
                  "properties": {
                    "data": {
                      "contentMediaType": "application/json",
                      "contentSchema": {
                        "$ref": "#/components/schemas/EntryView"
                      },
                      "type": "string"
                    },
                    "event": {
                      "const": "entry",
                      "type": "string"
                    },
                    "id": {
                      "description": "The entry, SIDE#N.",
                      "pattern": "^[a-z0-9][a-z0-9-]{0,31}#[0-9]+$",
                      "type": "string"
                    },
                    "retry": {
                      "minimum": 0,
                      "type": "integer"
                    }
                  },
                  "required": [
                    "data",
                    "event",
                    "id"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "The event stream."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Follow a line (server-sent events)",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/lines": {
      "get": {
        "description": "The lines the signer's roles are on; the operator sees every line (charters are its to write).",
        "operationId": "getLines",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/LineView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The lines, sorted by ID."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Lines",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/link/history": {
      "get": {
        "description": "The rounds of this node's link to a paired side, oldest first: each delivery (the round pushed entries and got a receipt for them) and heartbeat (the round only asked for a fresh receipt) with its latency from the round's first push, or its receipt request, to the receipt stored and the size the receipt covers; and each failed round with its error. Kept in memory since the node started, the latest 2,000 rounds; the receipts themselves are kept durably (GET /api/v1/checkpoints). Any signed key of this side may read it.",
        "operationId": "getLinkHistory",
        "parameters": [
          {
            "description": "The paired side whose link (our log to it) is shown; an unknown side is 404.",
            "examples": {
              "moscow": {
                "value": "ru"
              },
              "washington": {
                "value": "us"
              }
            },
            "in": "query",
            "name": "peer",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "The latest N rounds (default and at most 2,000, all that are kept).",
            "example": 100,
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LinkHistory"
                }
              }
            },
            "description": "The rounds."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Link rounds",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/link/plot.svg": {
      "get": {
        "description": "The rounds of this node's link to a paired side in the last N minutes, drawn by the node as one self-contained SVG (no scripts, nothing loaded from elsewhere): time along x with UTC clock times, delivery rounds as dots at their latency (ms, log scale), heartbeats as ticks on a band of their own, failures as red crosses on another, a legend, and the text \"no rounds in this window\" when there are none. Each mark has class delivery, heartbeat or failure and a title with its time, latency and size or error. From the same in-memory history as GET /api/v1/link/history.",
        "operationId": "getLinkPlot",
        "parameters": [
          {
            "description": "The paired side whose link is drawn; an unknown side is 404.",
            "examples": {
              "moscow": {
                "value": "ru"
              },
              "washington": {
                "value": "us"
              }
            },
            "in": "query",
            "name": "peer",
            "required": true,
            "schema": {
              "description": "A side: 1-32 characters of a-z 0-9 -, first a letter or digit (docs/PROTOCOL.md section 2).",
              "pattern": "^[a-z0-9][a-z0-9-]{0,31}$",
              "type": "string"
            }
          },
          {
            "description": "The window: the last N minutes (default 60, at most 10080, a week).",
            "example": 60,
            "in": "query",
            "name": "minutes",
            "required": false,
            "schema": {
              "maximum": 10080,
              "minimum": 1,
              "type": "integer"
            }
          },
          {
            "description": "The labels' language (default en).",
            "example": "ru",
            "in": "query",
            "name": "lang",
            "required": false,
            "schema": {
              "enum": [
                "en",
                "ru"
              ],
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "image/svg+xml": {
                "schema": {
                  "description": "An SVG 1.1 document, UTF-8.",
                  "type": "string"
                }
              }
            },
            "description": "The plot."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Link rounds, drawn",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/me": {
      "get": {
        "description": "The key the request was signed with, as this node sees it: operator or not, its roles, the lines it reads.",
        "operationId": "getMe",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WhoAmI"
                }
              }
            },
            "description": "The signer."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Who signed",
        "tags": [
          "node"
        ]
      }
    },
    "/api/v1/meetings": {
      "get": {
        "description": "The meeting requests on a line the signer reads: options, agenda, confirmation and minutes.",
        "operationId": "getMeetings",
        "parameters": [
          {
            "description": "The line.",
            "examples": {
              "foreignMinisters": {
                "value": "ru-us/mfa"
              },
              "operators": {
                "value": "operators"
              },
              "twoPlusTwo": {
                "value": "ru-us/2plus2"
              }
            },
            "in": "query",
            "name": "line",
            "required": true,
            "schema": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/MeetingView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The meetings."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "A line's meetings",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "description": "The OpenAPI document of the client API (docs/openapi.json). Needs no signature.",
        "operationId": "getOpenAPIDocument",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            },
            "description": "The document."
          }
        },
        "security": [],
        "summary": "This document",
        "tags": [
          "meta"
        ]
      }
    },
    "/api/v1/pending": {
      "get": {
        "description": "The other sides' entries on the signer's lines that this side has not acknowledged, with deadlines.",
        "operationId": "getPending",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/PendingView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The pending entries."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Awaiting acknowledgement",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/proposals": {
      "get": {
        "description": "The proposals on a line the signer reads, and the state of each step.",
        "operationId": "getProposals",
        "parameters": [
          {
            "description": "The line.",
            "examples": {
              "foreignMinisters": {
                "value": "ru-us/mfa"
              },
              "operators": {
                "value": "operators"
              },
              "twoPlusTwo": {
                "value": "ru-us/2plus2"
              }
            },
            "in": "query",
            "name": "line",
            "required": true,
            "schema": {
              "description": "A line: segments of a-z 0-9 - . separated by /, each starting with a letter or digit, 1-64 characters in all.",
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/ProposalView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The proposals."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "A line's proposals",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/reads": {
      "get": {
        "description": "The latest reads of entries, newest first. Operator only.",
        "operationId": "getReads",
        "parameters": [
          {
            "description": "How many (default 100; at most 10,000 are returned).",
            "example": 100,
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": {
              "maximum": 18446744073709551615,
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/ReadView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The reads."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Audit of reads",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/roles": {
      "get": {
        "description": "Who holds each role of every side, as the record shows it.",
        "operationId": "getRoles",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/RoleView"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The roles."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Role holders",
        "tags": [
          "record"
        ]
      }
    },
    "/api/v1/sides": {
      "get": {
        "description": "This side's identity file and each paired side's, for clients that seal and address entries.",
        "operationId": "getSides",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SidesView"
                }
              }
            },
            "description": "The identities."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Identities",
        "tags": [
          "node"
        ]
      }
    },
    "/api/v1/status": {
      "get": {
        "description": "The link to each paired side, both directions (hotline status --json prints it).",
        "operationId": "getStatus",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NodeStatus"
                }
              }
            },
            "description": "The node's status."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "The links",
        "tags": [
          "node"
        ]
      }
    },
    "/console": {
      "get": {
        "description": "The web console's page. Unsigned: the page itself signs its API requests with the official's browser key.",
        "operationId": "getConsole",
        "responses": {
          "200": {
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The console's HTML."
          }
        },
        "security": [],
        "summary": "The web console",
        "tags": [
          "operations"
        ]
      }
    },
    "/console/{file}": {
      "get": {
        "description": "One of the console's files (HTML, JavaScript, CSS), served by the node itself; no CDN. Unsigned.",
        "operationId": "getConsoleFile",
        "parameters": [
          {
            "description": "A file name of the console, e.g. console.js.",
            "in": "path",
            "name": "file",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "text/css": {
                "schema": {
                  "type": "string"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              },
              "text/javascript": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The file."
          },
          "404": {
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "No such console file."
          }
        },
        "security": [],
        "summary": "A console file",
        "tags": [
          "operations"
        ]
      }
    },
    "/health/live": {
      "get": {
        "description": "200 once the API listener runs. Needs no signature.",
        "operationId": "getLive",
        "responses": {
          "200": {
            "content": {
              "text/plain": {
                "schema": {
                  "const": "ok\n",
                  "type": "string"
                }
              }
            },
            "description": "Running."
          }
        },
        "security": [],
        "summary": "Liveness",
        "tags": [
          "operations"
        ]
      }
    },
    "/health/ready": {
      "get": {
        "description": "200 once the store and both listeners (peer endpoint and client API) are up; 503 before. Needs no signature.",
        "operationId": "getReady",
        "responses": {
          "200": {
            "content": {
              "text/plain": {
                "schema": {
                  "const": "ready",
                  "type": "string"
                }
              }
            },
            "description": "Ready."
          },
          "503": {
            "content": {
              "text/plain": {
                "schema": {
                  "const": "starting",
                  "type": "string"
                }
              }
            },
            "description": "Starting."
          }
        },
        "security": [],
        "summary": "Readiness",
        "tags": [
          "operations"
        ]
      }
    },
    "/metrics": {
      "get": {
        "description": "The node's metrics in the Prometheus text format (version 0.0.4). Needs no signature; the API listens on loopback by default.",
        "operationId": "getMetrics",
        "responses": {
          "200": {
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The metrics."
          }
        },
        "security": [],
        "summary": "Prometheus metrics",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/console-keys": {
      "get": {
        "description": "The operators' browser keys that sign the console's requests as this node's operator. Operator (or a console key) only.",
        "operationId": "listConsoleKeys",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "items": {
                    "$ref": "#/components/schemas/ConsoleKey"
                  },
                  "type": "array"
                }
              }
            },
            "description": "The console keys, oldest first."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Only the operator lists console keys."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "List console keys",
        "tags": [
          "operations"
        ]
      },
      "post": {
        "description": "Lets an operator's browser key use the web console as this node's operator (link health, the operators' line, the audit of reads, alarms). Signed by the node's operator key only: a console key cannot add another. A key holding an official's role is refused. Adding a key again renames it.",
        "operationId": "addConsoleKey",
        "requestBody": {
          "content": {
            "application/json": {
              "example": {
                "name": "Duty operator",
                "publicKey": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
              },
              "schema": {
                "$ref": "#/components/schemas/ConsoleKeyRequest"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConsoleKey"
                }
              }
            },
            "description": "The key, as kept."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not {\"publicKey\", \"name\"}, a public key that is not 32 bytes of canonical base64, a bad name, the operator key itself, or an official's key."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Only the node's operator key adds console keys."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Add a console key",
        "tags": [
          "operations"
        ]
      }
    },
    "/api/v1/console-keys/{keyID}": {
      "delete": {
        "description": "Removes a console key; its next request is refused (401). Signed by the node's operator key only.",
        "operationId": "removeConsoleKey",
        "parameters": [
          {
            "description": "The key ID, 64 hex digits.",
            "in": "path",
            "name": "keyID",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "additionalProperties": false,
                  "properties": {
                    "removed": {
                      "const": true
                    }
                  },
                  "required": [
                    "removed"
                  ],
                  "type": "object"
                }
              }
            },
            "description": "Removed."
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not a key ID."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Only the node's operator key removes console keys."
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No such console key."
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        },
        "summary": "Remove a console key",
        "tags": [
          "operations"
        ]
      }
    }
  },
  "security": [
    {
      "hotlineSignature": []
    }
  ],
  "servers": [
    {
      "description": "A node's client API on its default address.",
      "url": "http://127.0.0.1:7401"
    }
  ],
  "tags": [
    {
      "description": "The node and the signer.",
      "name": "node"
    },
    {
      "description": "Entries, lines, roles and workflows.",
      "name": "record"
    },
    {
      "description": "Evidence bundles and record answers, checked offline by hotline verify.",
      "name": "proofs"
    },
    {
      "description": "For operators and monitoring.",
      "name": "operations"
    },
    {
      "description": "This document.",
      "name": "meta"
    }
  ]
}

"""##
}
