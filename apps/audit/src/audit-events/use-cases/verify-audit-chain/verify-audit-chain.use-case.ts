import { requireOrg, type AuditVerifyReply, type RequestContext } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { AuditEventsRepository } from '../../audit-events.repository.js';
import { toAuditRecordFields } from '../../audit-event.mapper.js';
import { chainHash } from '../../hash-chain.js';

const PAGE = 1000;

/**
 * Walks the org's chain oldest first (from the retention checkpoint, if any): each record must
 * point at the previous record's hash and its own hash must match its fields. Stops at the first
 * record that does not.
 */
@Injectable()
export class VerifyAuditChain {
  constructor(private readonly records: AuditEventsRepository) {}

  async execute(ctx: RequestContext): Promise<AuditVerifyReply> {
    const scope = { orgId: requireOrg(ctx) };
    let checked = 0;
    // After retention removed the oldest records, the chain starts from their last hash.
    let prevHash: string | null = await this.records.chainAnchor(scope);
    let afterSeq = '0';
    for (;;) {
      const page = await this.records.chainPage(scope, afterSeq, PAGE);
      for (const record of page) {
        checked += 1;
        const intact = record.prevHash === prevHash && record.hash === chainHash(prevHash, toAuditRecordFields(record));
        if (!intact) return { valid: false, checked, firstInvalidId: record.id };
        prevHash = record.hash;
      }
      if (page.length < PAGE) return { valid: true, checked, firstInvalidId: null };
      afterSeq = page[page.length - 1]!.seq;
    }
  }
}
