import HotlineRecord

extension RecordState {
    /// Records a judged entry. Cannot fail: `judge` has checked everything it relies on.
    mutating func record(_ entry: Entry, leafHash: Hash, change: Change) {
        let header = entry.header
        let address = EntryAddress(side: header.sender, sequence: entry.sequence)
        logs[header.sender]!.append(Recorded(sequence: entry.sequence, header: header, leafHash: leafHash))
        if AcknowledgementPolicy.needsAcknowledgement(header.kind) { unacknowledged.insert(address) }

        switch change {
        case .none:
            break
        case let .grant(tenure):
            knownKeys[tenure.key.keyID] = (tenure.key, tenure.role.side)
            // A grant after the last holder's key expired ends that tenure here.
            if let last = tenures[tenure.role]?.indices.last, tenures[tenure.role]![last].isCurrent {
                tenures[tenure.role]![last].until = address
            }
            tenures[tenure.role, default: []].append(tenure)
        case let .handover(tenure):
            knownKeys[tenure.key.keyID] = (tenure.key, tenure.role.side)
            let last = tenures[tenure.role]!.count - 1
            tenures[tenure.role]![last].until = address
            tenures[tenure.role]!.append(tenure)
        case let .revocation(keyID):
            revokedKeys[keyID] = address
            for role in tenures.keys {
                if let last = tenures[role]!.indices.last, tenures[role]![last].isCurrent, tenures[role]![last].key.keyID == keyID {
                    tenures[role]![last].until = address
                }
            }
        case let .charter(line):
            lines[line.id] = line
        case let .acceptance(id):
            lines[id]!.acceptance = address
        case let .proposal(proposal):
            proposals[address] = proposal
        case let .reply(proposal, step, answer):
            proposals[proposal]!.answers[step] = answer
        case let .meetingRequest(meeting):
            meetings[address] = meeting
        case let .confirmation(request, option):
            meetings[request]!.confirmation = address
            meetings[request]!.chosenOption = option
        case let .minutes(record):
            minutes[address] = record
            meetings[record.meeting]!.minutes.append(address)
        case let .countersignature(target):
            minutes[target]!.countersignature = address
        case let .acknowledgement(target):
            acknowledgements[target, default: []].append(address)
            unacknowledged.remove(target)
        case let .translation(target):
            translations[target, default: []].append(address)
        }
    }
}
